#include <stdio.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long prefix = 0, min_prefix = 0, best = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        prefix += x;
        long long candidate = prefix - min_prefix;
        if (i == 0 || candidate > best) best = candidate;
        if (prefix < min_prefix) min_prefix = prefix;
    }
    printf("%lld\n", best);
    return 0;
}
