#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    cin >> n >> k;
    vector<int> a(n);
    for (int &x : a) cin >> x;
    sort(a.begin(), a.end());
    long long ans = 0;
    int l = 0, r = n - 1;
    while (l < r) {
        int s = a[l] + a[r];
        if (s < k) {
            l++;
        } else if (s > k) {
            r--;
        } else if (a[l] == a[r]) {
            long long m = r - l + 1;
            ans += m * (m - 1) / 2;
            break;
        } else {
            int i = l, j = r;
            while (i < r && a[i] == a[l]) i++;
            while (j > l && a[j] == a[r]) j--;
            ans += (long long)(i - l) * (r - j);
            l = i;
            r = j;
        }
    }
    cout << ans << "\n";
    return 0;
}
