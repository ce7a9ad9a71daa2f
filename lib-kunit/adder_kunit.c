// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for adder_sum(), the rule of the adder() system call.
 *
 * Each case of the table gives both answers as literals, so a mistake in
 * the rule under test cannot hide in the test as well.
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/module.h>

#include "adder.h"

struct adder_case {
	int x;
	int y;
	s64 long64;	/* what a caller whose long is 64 bits gets */
	s64 long32;	/* and one whose long is 32 bits */
};

static const struct adder_case adder_cases[] = {
	{ 0, 0, 0, 0 },
	{ 2, 3, 5, 5 },
	{ 1, -1, 0, 0 },
	/* The ends of int, and one step past them either way. */
	{ INT_MAX, 0, 2147483647LL, 2147483647LL },
	{ INT_MAX - 1, 1, 2147483647LL, 2147483647LL },
	{ INT_MAX, 1, 2147483648LL, -EOVERFLOW },
	{ 1, INT_MAX, 2147483648LL, -EOVERFLOW },
	{ INT_MAX, INT_MAX, 4294967294LL, -EOVERFLOW },
	{ INT_MIN, 0, -2147483648LL, -2147483648LL },
	{ INT_MIN + 1, -1, -2147483648LL, -2147483648LL },
	{ INT_MIN, -1, -2147483649LL, -EOVERFLOW },
	{ -1, INT_MIN, -2147483649LL, -EOVERFLOW },
	{ INT_MIN, INT_MIN, -4294967296LL, -EOVERFLOW },
	/* The error band [-4095, -1], its edges and what lies just outside. */
	{ -4097, 0, -4097, -4097 },
	{ -4096, 0, -4096, -4096 },
	{ -2048, -2048, -4096, -4096 },
	{ -4095, 0, -ERANGE, -ERANGE },
	{ -4096, 1, -ERANGE, -ERANGE },
	{ -2048, -2047, -ERANGE, -ERANGE },
	{ -1, 0, -ERANGE, -ERANGE },
	{ -1, -1, -ERANGE, -ERANGE },
	{ INT_MAX, INT_MIN, -ERANGE, -ERANGE },
	{ -1, 1, 0, 0 },
	/* The restart codes a pending signal would rewrite. */
	{ -512, 0, -ERANGE, -ERANGE },
	{ -513, 0, -ERANGE, -ERANGE },
	{ -514, 0, -ERANGE, -ERANGE },
	{ -516, 0, -ERANGE, -ERANGE },
	/* Sums equal to the errors themselves are refused as well. */
	{ -34, 0, -ERANGE, -ERANGE },
	{ -75, 0, -ERANGE, -ERANGE },
};

static void adder_case_desc(const struct adder_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d + %d", c->x, c->y);
}

KUNIT_ARRAY_PARAM(adder, adder_cases, adder_case_desc);

/* A caller with a 64-bit long gets the exact sum, outside the band. */
static void adder_test_long64(struct kunit *test)
{
	const struct adder_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, adder_sum(c->x, c->y, 64), c->long64);
}

/* One with a 32-bit long, the sum only if an int holds it. */
static void adder_test_long32(struct kunit *test)
{
	const struct adder_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, adder_sum(c->x, c->y, 32), c->long32);
}

/*
 * Every sum in [-MAX_ERRNO, -1] fails with -ERANGE, for either width, and
 * so no error adder() returns can be taken for a sum. Each sum is reached
 * two ways, so that no one operand decides.
 */
static void adder_test_error_band(struct kunit *test)
{
	static const unsigned int widths[] = { 32, 64 };
	unsigned int w;
	int sum;

	for (w = 0; w < ARRAY_SIZE(widths); w++) {
		for (sum = -MAX_ERRNO; sum <= -1; sum++) {
			KUNIT_ASSERT_EQ_MSG(test, adder_sum(sum, 0, widths[w]),
					    (s64)-ERANGE, "sum %d, long of %u bits",
					    sum, widths[w]);
			KUNIT_ASSERT_EQ_MSG(test, adder_sum(-MAX_ERRNO, sum + MAX_ERRNO,
							    widths[w]),
					    (s64)-ERANGE, "sum %d, long of %u bits",
					    sum, widths[w]);
		}
	}
}

static struct kunit_case adder_test_cases[] = {
	KUNIT_CASE_PARAM(adder_test_long64, adder_gen_params),
	KUNIT_CASE_PARAM(adder_test_long32, adder_gen_params),
	KUNIT_CASE(adder_test_error_band),
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
