#include <stdio.h>
#include <stdlib.h>

int cmp(const void *a, const void *b) {
    long long x = *(long long *)a, y = *(long long *)b;
    return x < y ? -1 : x > y;
}

int main() {
    int n;
    long long k;
    scanf("%d %lld", &n, &k);
    long long *a = malloc(n * sizeof(long long));
    for (int i = 0; i < n; i++) scanf("%lld", &a[i]);
    qsort(a, n, sizeof(long long), cmp);
    int l = 0, r = n - 1;
    long long ans = 0;
    while (l < r) {
        long long s = a[l] + a[r];
        if (s == k) {
            ans++;
            l++;
            r--;
        } else if (s < k) {
            l++;
        } else {
            r--;
        }
    }
    printf("%lld\n", ans);
    return 0;
}
