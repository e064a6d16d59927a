using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A service loop (an <c>async</c> method that runs until its cancellation token is cancelled) of a type documented as
/// shared runs once, beside the members callers call at once, not beside itself (set au C25: a game server's tick loop
/// owns its maze while input handlers enqueue "from any thread").
/// </summary>
public class ServiceLoopTests
{
    /// <summary>A maze server whose tick loop <paramref name="loop"/> runs <c>Step</c>, with <paramref name="members"/> beside it.</summary>
    private static string Maze(string loop, string members = "") => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>Game server. Network handlers enqueue inputs from any thread; one tick loop owns the maze.</summary>
        public sealed class {|#2:MazeServer|}
        {
            private readonly ConcurrentQueue<string> _inputs = new();
            private readonly Dictionary<string, int> _players = new();
            private int[] _frame = Array.Empty<int>();

            public void Submit(string player) => _inputs.Enqueue(player);

            public int[] LastFrame => Volatile.Read(ref _frame);

            public async Task {|#3:RunAsync|}(TimeSpan tick, CancellationToken ct)
            {
                {{loop}}
            }

            private void Step()
            {
                while (_inputs.TryDequeue(out var player))
                {
                    _players.TryGetValue(player, out var moves);
                    {|#0:_players[player] = moves + 1|};
                }

                Volatile.Write(ref _frame, new int[_players.Count]);
            }
            {{members}}
        }
        """;

    [Theory]
    [InlineData("using var timer = new PeriodicTimer(tick); while (await timer.WaitForNextTickAsync(ct)) Step();")]
    [InlineData("while (!ct.IsCancellationRequested) { await Task.Delay(tick, ct); Step(); }")]
    public Task Tick_loop_that_owns_its_state_beside_members_that_only_enqueue_is_silent(string loop)
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Maze(loop)));

    /// <summary>A loop with no cancellation token to run until is not a service loop: callers may run it at once.</summary>
    [Fact]
    public Task Loop_that_does_not_run_until_cancelled_may_run_twice()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Maze("for (var i = 0; i < 10; i++) { await Task.Delay(tick, ct); Step(); }").Replace("{|#3:RunAsync|}", "RunAsync", StringComparison.Ordinal),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2)
                .WithArguments("_players", "Dictionary<string, int>", "Step", "'Step' may run on several threads at once: 'MazeServer' is documented as shared (\"from any thread\")"));

    /// <summary>The loop runs alone, but beside the members: a member that clears what the loop fills is reported.</summary>
    [Fact]
    public Task Tick_loop_beside_a_member_that_clears_its_state_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Maze("using var timer = new PeriodicTimer(tick); while (await timer.WaitForNextTickAsync(ct)) Step();",
                 "public void Reset() => {|#1:_players.Clear()|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(3)
                .WithArguments("_players", "Dictionary<string, int>", "Step",
                    "'Step' runs in 'RunAsync', a loop that runs until 'ct' is cancelled, started once as a service's loop is, which runs concurrently with the members of 'MazeServer', and 'MazeServer' is documented as shared (\"from any thread\")"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation(2)
                .WithArguments("_players", "Dictionary<string, int>", "Reset", "'Reset' may run on several threads at once: 'MazeServer' is documented as shared (\"from any thread\")"));
}
