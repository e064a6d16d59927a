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
    public static bool MayContainLockCalls(SourceText source)
        => SourceWords.Any(source, static (text, start, length) => SourceWords.IsOneOf(text, start, length, Names));

    /// <summary>The lock method names and the <c>lock</c> keyword, for rules that also look at lock statements.</summary>
    private static readonly string[] NamesAndKeyword = [.. Names, "lock"];

    /// <summary>False only when the text holds neither a lock method's name nor the <c>lock</c> keyword.</summary>
    public static bool MayContainLocks(SourceText source)
        => SourceWords.Any(source, static (text, start, length) => SourceWords.IsOneOf(text, start, length, NamesAndKeyword));

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
