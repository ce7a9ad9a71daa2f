// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for adder_sum64() and adder_sum32(), the arithmetic of the
 * adder() system call.
 *
 * Each case of the table gives both answers as literals, so a mistake in
 * the arithmetic under test cannot hide in the test as well.
 */

#include <kunit/test.h>
#include <linux/adder.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/module.h>

struct adder_case {
	int x;
	int y;
	s64 sum64;	/* what a caller with a 64-bit long gets */
	int sum32;	/* and one with a 32-bit long: the sum or -EOVERFLOW */
};

static const struct adder_case adder_cases[] = {
	{ 0, 0, 0, 0 },
	{ 2, 3, 5, 5 },
	{ 1, -1, 0, 0 },
	{ -1, -1, -2, -2 },
	/* The ends of int, and one step past them either way. */
	{ INT_MAX, 0, 2147483647LL, INT_MAX },
	{ INT_MAX - 1, 1, 2147483647LL, INT_MAX },
	{ INT_MAX, 1, 2147483648LL, -EOVERFLOW },
	{ 1, INT_MAX, 2147483648LL, -EOVERFLOW },
	{ INT_MAX, INT_MAX, 4294967294LL, -EOVERFLOW },
	{ INT_MIN, 0, -2147483648LL, INT_MIN },
	{ INT_MIN + 1, -1, -2147483648LL, INT_MIN },
	{ INT_MIN, -1, -2147483649LL, -EOVERFLOW },
	{ -1, INT_MIN, -2147483649LL, -EOVERFLOW },
	{ INT_MIN, INT_MIN, -4294967296LL, -EOVERFLOW },
	{ INT_MAX, INT_MIN, -1, -1 },
	/*
	 * Sums in [-4095, -1] are sums, though libc takes them for -errno;
	 * -75 is also what -EOVERFLOW is.
	 */
	{ -4095, 0, -4095, -4095 },
	{ -2048, -2047, -4095, -4095 },
	{ -4096, 1, -4095, -4095 },
	{ -4096, 0, -4096, -4096 },
	{ -75, 0, -75, -75 },
};

static void adder_case_desc(const struct adder_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d + %d", c->x, c->y);
}

KUNIT_ARRAY_PARAM(adder, adder_cases, adder_case_desc);

/* A caller with a 64-bit long always gets the exact sum. */
static void adder_test_sum64(struct kunit *test)
{
	const struct adder_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, adder_sum64(c->x, c->y), c->sum64);
}

/* One with a 32-bit long gets the sum if it fits, else -EOVERFLOW. */
static void adder_test_sum32(struct kunit *test)
{
	const struct adder_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, adder_sum32(c->x, c->y), c->sum32);
}

static struct kunit_case adder_test_cases[] = {
	KUNIT_CASE_PARAM(adder_test_sum64, adder_gen_params),
	KUNIT_CASE_PARAM(adder_test_sum32, adder_gen_params),
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
