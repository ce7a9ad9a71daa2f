// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for adder_sum(), the core of the adder() system call.
 *
 * Expected sums are written out as literals rather than computed, so a
 * mistake in the arithmetic under test cannot hide in the test as well.
 */

#include <kunit/test.h>
#include <linux/adder.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/prandom.h>

struct adder_case {
	int x;
	int y;
	s64 sum;
};

static const struct adder_case adder_cases[] = {
	{ 0, 0, 0 },
	{ 1, 0, 1 },
	{ 0, -1, -1 },
	{ 1, -1, 0 },
	{ -1, -1, -2 },
	{ 2, 3, 5 },
	{ INT_MAX, 0, 2147483647LL },
	{ INT_MAX, 1, 2147483648LL },
	{ INT_MAX, INT_MAX, 4294967294LL },
	{ INT_MIN, 0, -2147483648LL },
	{ INT_MIN, -1, -2147483649LL },
	{ INT_MIN, INT_MIN, -4294967296LL },
	{ INT_MAX, INT_MIN, -1 },
	{ INT_MIN, 1, -2147483647LL },
	{ INT_MAX, -1, 2147483646LL },
	/* Sums that libc's syscall(2) would mistake for -errno. */
	{ -4095, 0, -4095 },
	{ -2048, -2047, -4095 },
	{ -75, 0, -75 },
	{ -4096, 1, -4095 },
	{ -4096, 0, -4096 },
};

static void adder_case_desc(const struct adder_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d + %d", c->x, c->y);
}

KUNIT_ARRAY_PARAM(adder_cases, adder_cases, adder_case_desc);

static bool fits_int(s64 v)
{
	return v >= INT_MIN && v <= INT_MAX;
}

/* A 64-bit caller always gets the exact sum. */
static void adder_test_wide_table(struct kunit *test)
{
	const struct adder_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, adder_sum(c->x, c->y, false), c->sum);
}

/* A 32-bit caller gets the sum when it fits, -EOVERFLOW otherwise. */
static void adder_test_narrow_table(struct kunit *test)
{
	const struct adder_case *c = test->param_value;
	s64 want = fits_int(c->sum) ? c->sum : -EOVERFLOW;

	KUNIT_EXPECT_EQ(test, adder_sum(c->x, c->y, true), want);
}

/* Every value in [-4095, -1] is a plain sum, never an error code. */
static void adder_test_errno_range_wide(struct kunit *test)
{
	int v;

	for (v = -4095; v <= -1; v++) {
		KUNIT_EXPECT_EQ(test, adder_sum(v, 0, false), (s64)v);
		KUNIT_EXPECT_EQ(test, adder_sum(v + 1, -1, false), (s64)v);
	}
}

static void adder_test_errno_range_narrow(struct kunit *test)
{
	int v;

	for (v = -4095; v <= -1; v++)
		KUNIT_EXPECT_EQ(test, adder_sum(0, v, true), (s64)v);
}

static const int adder_samples[] = {
	0, 1, -1, 2, -2, 4095, -4095, 65536, -65536,
	INT_MAX, INT_MAX - 1, INT_MIN, INT_MIN + 1,
};

static void adder_test_identity(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(adder_samples); i++) {
		int x = adder_samples[i];

		KUNIT_EXPECT_EQ(test, adder_sum(x, 0, false), (s64)x);
		KUNIT_EXPECT_EQ(test, adder_sum(0, x, false), (s64)x);
		KUNIT_EXPECT_EQ(test, adder_sum(x, 0, true), (s64)x);
	}
}

static void adder_test_commutative(struct kunit *test)
{
	int i, j;

	for (i = 0; i < ARRAY_SIZE(adder_samples); i++) {
		for (j = 0; j < ARRAY_SIZE(adder_samples); j++) {
			int x = adder_samples[i], y = adder_samples[j];

			KUNIT_EXPECT_EQ(test, adder_sum(x, y, false),
					adder_sum(y, x, false));
			KUNIT_EXPECT_EQ(test, adder_sum(x, y, true),
					adder_sum(y, x, true));
		}
	}
}

/* x + (-x) is zero; INT_MIN has no negation, its nearest is INT_MAX. */
static void adder_test_inverse(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(adder_samples); i++) {
		int x = adder_samples[i];

		if (x == INT_MIN)
			continue;
		KUNIT_EXPECT_EQ(test, adder_sum(x, -x, false), 0);
		KUNIT_EXPECT_EQ(test, adder_sum(x, -x, true), 0);
	}
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MIN, INT_MAX, true), -1);
}

/* Adding one more to either side adds one more to the sum. */
static void adder_test_successor(struct kunit *test)
{
	int i, j;

	for (i = 0; i < ARRAY_SIZE(adder_samples); i++) {
		for (j = 0; j < ARRAY_SIZE(adder_samples); j++) {
			int x = adder_samples[i], y = adder_samples[j];

			if (y == INT_MAX)
				continue;
			KUNIT_EXPECT_EQ(test, adder_sum(x, y + 1, false),
					adder_sum(x, y, false) + 1);
		}
	}
}

static void adder_test_narrow_upper_limit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MAX - 1, 1, true), 2147483647LL);
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MAX, 1, true), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, adder_sum(1, INT_MAX, true), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MAX, INT_MAX, true), -EOVERFLOW);
}

static void adder_test_narrow_lower_limit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MIN + 1, -1, true), -2147483648LL);
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MIN, -1, true), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, adder_sum(-1, INT_MIN, true), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, adder_sum(INT_MIN, INT_MIN, true), -EOVERFLOW);
}

#define ADDER_RANDOM_ROUNDS 10000

/* Pseudo-random pairs from a fixed seed, so a failure can be replayed. */
static void adder_test_random_wide(struct kunit *test)
{
	struct rnd_state rnd;
	int i;

	prandom_seed_state(&rnd, 0x61646465);
	for (i = 0; i < ADDER_RANDOM_ROUNDS; i++) {
		int x = (int)prandom_u32_state(&rnd);
		int y = (int)prandom_u32_state(&rnd);

		KUNIT_ASSERT_EQ_MSG(test, adder_sum(x, y, false),
				    (s64)x + (s64)y, "x=%d y=%d", x, y);
	}
}

static void adder_test_random_narrow(struct kunit *test)
{
	struct rnd_state rnd;
	int i;

	prandom_seed_state(&rnd, 0x72656464);
	for (i = 0; i < ADDER_RANDOM_ROUNDS; i++) {
		int x = (int)prandom_u32_state(&rnd);
		int y = (int)prandom_u32_state(&rnd);
		s64 exact = (s64)x + (s64)y;

		KUNIT_ASSERT_EQ_MSG(test, adder_sum(x, y, true),
				    fits_int(exact) ? exact : -EOVERFLOW,
				    "x=%d y=%d", x, y);
	}
}

static struct kunit_case adder_test_cases[] = {
	KUNIT_CASE_PARAM(adder_test_wide_table, adder_cases_gen_params),
	KUNIT_CASE_PARAM(adder_test_narrow_table, adder_cases_gen_params),
	KUNIT_CASE(adder_test_errno_range_wide),
	KUNIT_CASE(adder_test_errno_range_narrow),
	KUNIT_CASE(adder_test_identity),
	KUNIT_CASE(adder_test_commutative),
	KUNIT_CASE(adder_test_inverse),
	KUNIT_CASE(adder_test_successor),
	KUNIT_CASE(adder_test_narrow_upper_limit),
	KUNIT_CASE(adder_test_narrow_lower_limit),
	KUNIT_CASE(adder_test_random_wide),
	KUNIT_CASE(adder_test_random_narrow),
	{}
};

static struct kunit_suite adder_test_suite = {
	.name = "adder",
	.test_cases = adder_test_cases,
};

kunit_test_suite(adder_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the adder() system call");
MODULE_LICENSE("GPL");
