using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Locks;

/// <summary>Cheap checks on text and syntax that decide where the lock rules bind anything.</summary>
internal static class LockCallText
{
    /// <summary>The names <see cref="LockApis.IsLockMethodName"/> accepts, for comparing words in place.</summary>
    private static readonly string[] Names =
    [
        "Enter", "TryEnter", "Exit", "Wait", "WaitAsync", "WaitOne", "Release", "ReleaseMutex",
        "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock", "TryEnterReadLock", "TryEnterWriteLock", "TryEnterUpgradeableReadLock",
        "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock", "AcquireReaderLock", "AcquireWriterLock", "ReleaseReaderLock", "ReleaseWriterLock",
    ];

    /// <summary>
    /// False only when the text holds no word that names a lock method, so no invocation in it can be a lock call.
    /// </summary>
    /// <remarks>
    /// Over-approximates: comments, strings and other members of the same name only cost the syntax walk. A Unicode
    /// escape (<c>\u0057ait</c> is the identifier <c>Wait</c>) keeps the file in.
    /// </remarks>
    public static bool MayContainLockCalls(SourceText source)
    {
        var text = source.ToString();
        var length = text.Length;
        var position = 0;
        while (position < length)
        {
            var c = text[position];
            if (c == '\\' && position + 1 < length && text[position + 1] is 'u' or 'U')
            {
                return true;
            }

            if (!IsAsciiWordChar(c))
            {
                position++;
                continue;
            }

            var start = position;
            while (position < length && IsAsciiWordChar(text[position]))
            {
                position++;
            }

            if (IsName(text, start, position - start))
            {
                return true;
            }
        }

        return false;
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

    private static bool IsAsciiWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static bool IsName(string text, int start, int length)
    {
        foreach (var name in Names)
        {
            if (name.Length == length && string.CompareOrdinal(text, start, name, 0, length) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
