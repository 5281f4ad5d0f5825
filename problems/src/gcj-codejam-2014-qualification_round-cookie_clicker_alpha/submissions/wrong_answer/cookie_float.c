#include <stdio.h>

int main() {
    int t;
    scanf("%d", &t);
    for (int tc = 1; tc <= t; tc++) {
        float c, f, x;
        scanf("%f %f %f", &c, &f, &x);
        float rate = 2, elapsed = 0;
        while (x / rate > c / rate + x / (rate + f)) {
            elapsed += c / rate;
            rate += f;
        }
        printf("Case #%d: %.7f\n", tc, elapsed + x / rate);
    }
    return 0;
}
