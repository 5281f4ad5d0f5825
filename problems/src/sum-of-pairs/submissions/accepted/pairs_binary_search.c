#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* first index in a[lo..n) with a[i] >= v (or > v when strict) */
static int bound(const long long *a, int lo, int n, long long v, int strict) {
    int hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < v || (strict && a[mid] == v)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int main(void) {
    int n;
    long long k;
    if (scanf("%d %lld", &n, &k) != 2) return 0;
    long long *a = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld", &a[i]);
    qsort(a, n, sizeof(long long), cmp);
    long long pairs = 0;
    for (int i = 0; i < n; i++) {
        long long want = k - a[i];
        pairs += bound(a, i + 1, n, want, 1) - bound(a, i + 1, n, want, 0);
    }
    printf("%lld\n", pairs);
    free(a);
    return 0;
}
