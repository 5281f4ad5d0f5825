t = int(input())
for case in range(1, t + 1):
    c, f, x = map(float, input().split())
    rate = 2.0
    time = 0.0
    best = x / rate
    while True:
        time += c / rate
        rate += f
        total = time + x / rate
        if total >= best:
            break
        best = total
    print("Case #%d: %.2f" % (case, best))
