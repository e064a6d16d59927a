using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A lock looked up by a key (a semaphore per sheet from a <c>ConcurrentDictionary.GetOrAdd</c>) excludes only the callers
/// with the same key: state every key shares is not guarded by it (set ag R04: per-sheet gates around one dictionary of
/// recent sheets in a singleton).
/// </summary>
public class PerKeyLockTests
{
    private static string Catalog(string lookup, string extra = "") => $$"""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>Registered as a singleton; requests arrive concurrently.</summary>
        public sealed class SheetCatalog
        {
            private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
            private readonly Dictionary<string, int> _recent = new();
            private readonly object _sync = new();

            private SemaphoreSlim GateFor(string id) => _gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

            public async Task AnnotateAsync(string id, int revision)
            {
                var gate = {{lookup}};
                await gate.WaitAsync();
                try
                {
                    await Task.Yield();
                    {{extra}}
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """;

    private const string Message =
        "'AnnotateAsync' may run on several threads at once: 'SheetCatalog' is documented as shared (\"singleton\"); the lock it holds, 'gate', is looked up per key, so callers with other keys hold other locks";

    [Theory]
    [InlineData("GateFor(id)")]
    [InlineData("_gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1))")]
    public Task Shared_dictionary_changed_under_a_lock_looked_up_per_key_is_flagged(string lookup)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Catalog(lookup, "{|#0:_recent[id] = revision|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_recent", "Dictionary<string, int>", "AnnotateAsync", Message));

    [Fact]
    public Task Shared_dictionary_changed_under_the_type_own_lock_inside_the_per_key_one_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Catalog("GateFor(id)", "lock (_sync) { _recent[id] = revision; }"));
}
