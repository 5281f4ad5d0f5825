#include <stdio.h>

int main() {
    int n;
    scanf("%d", &n);
    long long sum = 0, mx = -2000000000LL;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        if (x > 0) sum += x;
        if (x > mx) mx = x;
    }
    if (sum == 0) sum = mx;
    printf("%lld\n", sum);
    return 0;
}
