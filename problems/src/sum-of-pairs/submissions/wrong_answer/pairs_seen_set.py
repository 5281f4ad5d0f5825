n, k = map(int, input().split())
a = list(map(int, input().split()))

seen = set()
count = 0
for x in a:
    if k - x in seen:
        count += 1
    seen.add(x)
print(count)
