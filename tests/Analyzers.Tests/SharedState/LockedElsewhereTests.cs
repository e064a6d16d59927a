using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Unlocked accesses that race with each other are reported even when the same state is locked somewhere else that
/// does not run at the same time: a lock in a later, sequential loop does not make a parallel body's update safe.
/// </summary>
public class LockedElsewhereTests
{
    [Fact]
    public Task Parallel_update_races_with_itself_though_a_later_loop_locks_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class Sizes
            {
                private readonly object _gate = new();
                private long _bytes;

                public long Sum(List<int> sizes)
                {
                    Parallel.ForEach(sizes, s => [|_bytes += s|]);
                    Parallel.For(0, sizes.Count, i => { lock (_gate) { _bytes += sizes[i]; } });
                    return _bytes;
                }
            }
            """);

    [Fact]
    public Task Parallel_adds_race_though_a_later_loop_locks_the_list()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class Lines
            {
                private readonly object _gate = new();
                private readonly List<string> _lines = new();

                public int Collect(string[] names)
                {
                    Parallel.ForEach(names, n => [|_lines.Add(n)|]);
                    Parallel.ForEach(names, n => { lock (_gate) { _lines.Add(n + "!"); } });
                    return _lines.Count;
                }
            }
            """);
}
