#include <bits/stdc++.h>
using namespace std;

int main() {
    int t;
    cin >> t;
    for (int tc = 1; tc <= t; tc++) {
        long long n;
        cin >> n;
        if (n == 0) {
            printf("Case #%d: INSOMNIA\n", tc);
            continue;
        }
        set<char> digits;
        int i = 0;
        while (digits.size() < 10) {
            i++;
            for (char ch : to_string(i * n)) digits.insert(ch);
        }
        printf("Case #%d: %d\n", tc, i);
    }
    return 0;
}
