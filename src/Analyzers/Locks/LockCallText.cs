using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Locks;

/// <summary>Cheap checks on text and syntax that decide where the lock rules bind anything.</summary>
/// <remarks>
/// The text search finds exactly the words a word-by-word scan (<see cref="SourceWords"/>) with these names would, but
/// searches with <see cref="string.IndexOf(string, int, StringComparison)"/> for the few stems every name contains and
/// looks at the whole word only where a stem occurs. Measured on NLog (412 files): the word-by-word scan, run by each
/// of the five rules on every file, was more than half of the lock rules' time; the runtime's vectorized search reads
/// a file that names no lock method at memory speed, and <see cref="LockSyntax"/> runs it once per file for all five.
/// </remarks>
internal static class LockCallText
{
    /// <summary>The names <see cref="LockApis.IsLockMethodName"/> accepts, for comparing words in place.</summary>
    internal static readonly string[] Names =
    [
        "Enter", "TryEnter", "Exit", "Wait", "WaitAsync", "WaitOne", "Release", "ReleaseMutex",
        "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock", "TryEnterReadLock", "TryEnterWriteLock", "TryEnterUpgradeableReadLock",
        "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock", "AcquireReaderLock", "AcquireWriterLock", "ReleaseReaderLock", "ReleaseWriterLock",
    ];

    /// <summary>Every name in <see cref="Names"/> contains one of these (pinned by LockCallFilterTests).</summary>
    internal static readonly string[] Stems = ["Enter", "Exit", "Wait", "Release", "Acquire"];

    private const string LockKeyword = "lock";

    /// <summary>
    /// Where the text holds a word that names a lock method or the word <c>lock</c>, in order; null when it holds a
    /// Unicode escape (which can spell any of them anywhere).
    /// </summary>
    public static List<int>? Positions(SourceText source)
    {
        var text = SourceWords.TextOf(source);
        if (SourceWords.HasUnicodeEscape(text))
        {
            return null;
        }

        var positions = new List<int>();
        foreach (var stem in Stems)
        {
            AddWords(text, stem, Names, positions);
        }

        AddWords(text, LockKeyword, null, positions);
        positions.Sort(); // no name holds two stems, so no word is found twice
        return positions;
    }

    private static void AddWords(string text, string stem, string[]? words, List<int> positions)
    {
        for (var at = text.IndexOf(stem, StringComparison.Ordinal); at >= 0; at = text.IndexOf(stem, at + 1, StringComparison.Ordinal))
        {
            var (start, end) = WordAround(text, at, stem.Length);
            if (words is null ? start == at && end == at + stem.Length : SourceWords.IsOneOf(text, start, end - start, words))
            {
                positions.Add(start);
            }
        }
    }

    private static (int Start, int End) WordAround(string text, int at, int length)
    {
        var start = at;
        while (start > 0 && SourceWords.IsAsciiWordChar(text[start - 1]))
        {
            start--;
        }

        var end = at + length;
        while (end < text.Length && SourceWords.IsAsciiWordChar(text[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>The method name written at an invocation, or <see langword="null"/> (a delegate call, for example).</summary>
    public static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };
}
