#include <bits/stdc++.h>
using namespace std;

// Count, for every element, how many elements complete it to k, then halve
// because every pair is counted twice.
int main() {
    int n;
    long long k;
    cin >> n >> k;
    vector<long long> a(n);
    map<long long, long long> cnt;
    for (auto &x : a) {
        cin >> x;
        cnt[x]++;
    }
    long long total = 0;
    for (long long x : a) {
        if (cnt.count(k - x)) total += cnt[k - x];
    }
    cout << total / 2 << endl;
    return 0;
}
