#!/usr/bin/env python3
"""Replace every word hunspell rejects by its first suggestion: the "generic spell checker"
baseline of the repair evaluation (issue 3). Reads text on stdin, writes the same number of
lines on stdout. A word without suggestions stays as written.

Hunspell runs once in pipe mode (-a); each line is sent with a leading '^' so that nothing in
it is read as a command. Its offsets count characters and include that '^'."""
import subprocess
import sys

DICTIONARY = sys.argv[1] if len(sys.argv) > 1 else "vi_VN"


def main() -> None:
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Hunspell ends the answer to each input line with an empty line.
    feed = "".join("^" + line + "\n" for line in lines)
    result = subprocess.run(["hunspell", "-a", "-i", "utf-8", "-d", DICTIONARY],
                            input=feed, capture_output=True, text=True, check=True)
    answers = result.stdout.split("\n")[1:]  # drop the version banner
    out = []
    index = 0
    for line in lines:
        fixes = []
        while index < len(answers) and answers[index] != "":
            answer = answers[index]
            index += 1
            if answer.startswith("& "):
                head, suggestions = answer[2:].split(": ", 1)
                word, _count, offset = head.rsplit(" ", 2)
                fixes.append((int(offset) - 1, word, suggestions.split(", ")[0]))
        index += 1  # the empty line closing this input line
        for offset, word, suggestion in sorted(fixes, reverse=True):
            if line[offset:offset + len(word)] == word:
                line = line[:offset] + suggestion + line[offset + len(word):]
        out.append(line)
    sys.stdout.write("".join(l + "\n" for l in out))


if __name__ == "__main__":
    main()
