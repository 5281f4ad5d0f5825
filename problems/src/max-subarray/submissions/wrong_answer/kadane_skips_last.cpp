#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long best = a[0], cur = 0;
    for (int i = 0; i < n - 1; i++) {
        cur += a[i];
        best = max(best, cur);
        if (cur < 0) cur = 0;
    }
    cout << best << endl;
    return 0;
}
