#include <iostream>
using namespace std;

int main() {
    int t;
    cin >> t;
    for (int tc = 1; tc <= t; tc++) {
        long long n;
        cin >> n;
        cout << "Case #" << tc << ": ";
        if (n == 0) {
            cout << "INSOMNIA\n";
            continue;
        }
        int seen = 0;
        long long cur = 0;
        while (seen != (1 << 10) - 1) {
            cur += n;
            for (long long v = cur; v > 0; v /= 10) seen |= 1 << (v % 10);
        }
        cout << cur << "\n";
    }
    return 0;
}
