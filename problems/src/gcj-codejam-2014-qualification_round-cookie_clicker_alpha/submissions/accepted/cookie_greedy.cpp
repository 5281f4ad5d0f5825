#include <cstdio>

int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    for (int tc = 1; tc <= t; tc++) {
        double c, f, x;
        scanf("%lf %lf %lf", &c, &f, &x);
        double rate = 2.0, elapsed = 0.0;
        while (x / rate > c / rate + x / (rate + f)) {
            elapsed += c / rate;
            rate += f;
        }
        printf("Case #%d: %.7f\n", tc, elapsed + x / rate);
    }
    return 0;
}
