from alphasolve.sample.extract import extract_code, fenced_blocks, guess_language, plausible

FENCE = "```"


def test_prefers_the_asked_language_among_plausible_blocks():
    text = (f"Python:\n{FENCE}python\nprint(sum(map(int, input().split())))\n{FENCE}\n"
            f"C++:\n{FENCE}cpp\n#include <bits/stdc++.h>\nint main(){{long a,b;std::cin>>a>>b;std::cout<<a+b;}}\n{FENCE}\n")
    assert extract_code(text, "python3").language == "python3"
    got = extract_code(text, "cpp")
    assert got.language == "cpp" and got.code.startswith("#include") and got.how == "fenced"
    assert got.blocks == 2 and got.plausible


def test_plausible_beats_asked_language_and_longest_wins():
    broken = f"{FENCE}python\ndef f(:\n{FENCE}\n"
    short = f"{FENCE}python\nprint(1)\n{FENCE}\n"
    long = f"{FENCE}python\nimport sys\nprint(sum(map(int, sys.stdin.read().split())))\n{FENCE}\n"
    cpp = f"{FENCE}cpp\nint main() {{ return 0; }}\n{FENCE}\n"
    assert extract_code(broken + cpp, "python3").language == "cpp"
    assert extract_code(short + long + broken, "python3").code.startswith("import sys")


def test_unclosed_block_cut_by_max_tokens_and_prefill():
    got = extract_code("a, b = map(int, input().split())\nprint(a + b)\n", "python3", prefill=f"{FENCE}python\n")
    assert got.code == "a, b = map(int, input().split())\nprint(a + b)\n" and got.plausible
    cut = extract_code("for i in range(3):\n    print(", "python3", prefill=f"{FENCE}python\n")
    assert cut.language == "python3" and not cut.plausible  # kept: the filter stage will judge it


def test_language_from_content_and_untagged_fences():
    assert extract_code(f"{FENCE}\n#include <stdio.h>\nint main(){{return 0;}}\n{FENCE}").language == "c"
    assert extract_code(f"{FENCE}\n#include <iostream>\nint main(){{}}\n{FENCE}").language == "cpp"
    assert extract_code("~~~py\nprint(2)\n~~~").language == "python3"
    assert guess_language("Just some words.") is None


def test_no_code_is_marked_and_io_blocks_are_not_programs():
    got = extract_code("I cannot solve this problem.", "python3")
    assert (got.language, got.code, got.how) == (None, None, "none")
    io = extract_code(f"Input:\n{FENCE}text\n1 2\n{FENCE}\nOutput:\n{FENCE}\n3\n{FENCE}\n", "python3")
    assert io.code is None and io.blocks == 2
    java = extract_code(f"{FENCE}java\nclass Main {{ public static void main(String[] a) {{}} }}\n{FENCE}")
    assert java.code is None  # not a language alphasolve runs


def test_unfenced_whole_completion_and_reasoning():
    assert extract_code("print(int(input()) * 2)\n", "python3").how == "unfenced"
    thought = (f"<think>draft:\n{FENCE}python\nprint('draft, longer than the answer')\n{FENCE}\n</think>\n"
               f"Answer:\n{FENCE}python\nprint(1)\n{FENCE}")
    assert extract_code(thought, "python3").code == "print(1)\n"


def test_fence_parsing_and_plausibility():
    blocks = fenced_blocks(f"x\n````python\na = '{FENCE}'\n{FENCE}\nb\n````\ntail")
    assert len(blocks) == 1 and blocks[0].closed and "b" in blocks[0].body
    assert not plausible("python3", "x = \0")
    assert plausible("cpp", "int main() { }") and not plausible("cpp", "int main() {")
