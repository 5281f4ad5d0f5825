import sys


def fastest(c, f, x):
    # Buy another farm while reaching x after buying is faster than reaching it now.
    rate, elapsed = 2.0, 0.0
    while x / rate > c / rate + x / (rate + f):
        elapsed += c / rate
        rate += f
    return elapsed + x / rate


def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    out = []
    for case in range(1, t + 1):
        c, f, x = map(float, data[3 * case - 2: 3 * case + 1])
        out.append(f"Case #{case}: {fastest(c, f, x):.7f}")
    print("\n".join(out))


main()
