using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Runs the race analyzers (FL1001–FL1003, FL1005, FL1006) over one source, for the "must stay silent" cases.</summary>
internal static class SharedStateSilence
{
    /// <summary>
    /// <paramref name="source"/> without its diagnostic markup (<c>{|#0:</c> … <c>|}</c>): a flagged case's source, made
    /// into the silent neighbour's.
    /// </summary>
    public static string Unmarked(string source)
        => System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:", string.Empty).Replace("|}", string.Empty);

    public static async Task VerifyNoRaceAsync(string source, ReferenceAssemblies? references = null)
    {
        references ??= TestReferences.Net80;
        await CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, references);
        await CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(source, references);
        await CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(source, references);
        await CSharpAnalyzerVerifier<ConcurrentDictionaryCompoundOperationAnalyzer>.VerifyAnalyzerAsync(source, references);
        await CSharpAnalyzerVerifier<LockExcludesNothingAnalyzer>.VerifyAnalyzerAsync(source, references);
    }
}
