from collections import Counter

n, k = map(int, input().split())
a = list(map(int, input().split()))
cnt = Counter(a)
ans = 0
for x in a:
    y = k - x
    if y == x:
        ans += cnt[y] - 1
    else:
        ans += cnt[y]
print(ans)
