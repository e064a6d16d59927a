using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work raced against a timeout with <c>Task.WhenAny</c> keeps running when the timeout wins (#9): what the method
/// reads after giving up races with it, unless every path waits for the work (set aq R10, set ar R07).
/// </summary>
public class TimedOutWorkTests
{
    [Fact]
    public Task List_copied_when_the_sweep_may_have_timed_out()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            sealed class Sweep
            {
                public async Task<List<string>> RunAsync(string[] ids, TimeSpan budget)
                {
                    var found = new List<string>();
                    var sweep = Task.Run(() =>
                    {
                        foreach (var id in ids) [|found.Add(id)|];
                    });

                    var winner = await Task.WhenAny(sweep, Task.Delay(budget));
                    var complete = winner == sweep;
                    if (complete)
                    {
                        await sweep;
                    }

                    return found.ToList();
                }
            }
            """);

    [Fact]
    public Task List_sorted_after_the_searches_were_raced_against_a_timeout()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            // As set ar R07: 'Task.WhenAll' of the searches is kept in a local that only 'Task.WhenAny' waits on.
            sealed class Survey
            {
                public async Task<List<int>> SurveyAsync(int[] teams, TimeSpan budget)
                {
                    var finds = new List<int>();
                    var gate = new object();
                    var sweeps = teams.Select(team => Task.Run(() =>
                    {
                        lock (gate) finds.Add(team);
                    })).ToArray();

                    var everyone = Task.WhenAll(sweeps);
                    var finished = await Task.WhenAny(everyone, Task.Delay(budget));
                    if (finished != everyone)
                    {
                        Console.WriteLine("cut short");
                    }

                    [|finds.Sort()|];
                    return finds;
                }
            }
            """);

    [Fact]
    public Task Work_waited_for_on_every_path_after_a_timeout_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Checks
            {
                // The timed-out branch cancels and waits (set ap C21).
                public async Task<List<string>> CancelThenWaitAsync(string[] ids, TimeSpan budget)
                {
                    using var cts = new CancellationTokenSource();
                    var found = new List<string>();
                    var all = Task.Run(() => { foreach (var id in ids) { if (cts.IsCancellationRequested) break; found.Add(id); } });
                    var finished = await Task.WhenAny(all, Task.Delay(budget));
                    if (finished != all)
                    {
                        cts.Cancel();
                        await all;
                    }

                    return found.ToList();
                }

                // Waited for after the race, whoever won (set aq C23).
                public async Task<string[]> WaitAfterAsync(string[] ids, TimeSpan budget)
                {
                    var found = new List<string>();
                    var work = Task.Run(() => { foreach (var id in ids) found.Add(id); });
                    var timedOut = await Task.WhenAny(work, Task.Delay(budget)).ConfigureAwait(false) != work;
                    if (timedOut) Console.WriteLine("slow");
                    await work.ConfigureAwait(false);
                    return found.ToArray();
                }

                // The timed-out path leaves the method.
                public async Task<string[]> ThrowOnTimeoutAsync(string[] ids, TimeSpan budget)
                {
                    var found = new List<string>();
                    var work = Task.Run(() => { foreach (var id in ids) found.Add(id); });
                    if (await Task.WhenAny(work, Task.Delay(budget)) != work)
                    {
                        throw new TimeoutException();
                    }

                    return found.ToArray();
                }

                // Drained one by one until none is left.
                public async Task<int> DrainAsync(int[] sizes)
                {
                    var total = new List<int>();
                    var pending = sizes.Select(size => Task.Run(() => { lock (total) total.Add(size); })).ToList();
                    while (pending.Count > 0)
                    {
                        var done = await Task.WhenAny(pending);
                        pending.Remove(done);
                    }

                    return total.Sum();
                }
            }
            """);

    /// <summary>Set as R12: the quotes of every supplier, asked at once by a local async function.</summary>
    [Fact]
    public Task Async_calls_joined_by_a_kept_WhenAll_that_only_raced_a_timeout()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(KeptWhenAll("""
            var winner = await Task.WhenAny(all, Task.Delay(budget));
            if (winner != all) Console.WriteLine("partial");
            [|quotes.Sort()|];
            """));

    [Fact]
    public Task Async_calls_joined_by_a_kept_WhenAll_that_is_awaited_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(KeptWhenAll("""
            Console.WriteLine("asked");
            await all;
            quotes.Sort();
            """));

    private static string KeptWhenAll(string afterAsking) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        sealed class Quotes
        {
            public async Task<List<int>> GetAsync(int[] suppliers, TimeSpan budget)
            {
                var quotes = new List<int>();
                var sync = new object();

                async Task AskAsync(int supplier)
                {
                    await Task.Delay(supplier);
                    lock (sync) quotes.Add(supplier);
                }

                var all = Task.WhenAll(suppliers.Select(AskAsync));
                {{afterAsking}}
                return quotes;
            }
        }
        """;
}
