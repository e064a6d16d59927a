using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work started once per iteration of a loop runs many times at once, but each copy has the variables its iteration
/// declared: a list created in the loop body and handed to that iteration's thread is that thread's own (blind set k,
/// C21: a crawler whose worker threads each fill their own result list). What the iterations share, and what the
/// starting code touches while its thread runs, is still judged.
/// </summary>
public class PerIterationWorkTests
{
    [Fact]
    public Task Each_thread_fills_the_list_its_iteration_created()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Crawler
            {
                public List<int>[] Run(int workers, int[] seeds)
                {
                    var threads = new Thread[workers];
                    var results = new List<int>[workers];
                    for (int w = 0; w < workers; w++)
                    {
                        var output = new List<int>();
                        results[w] = output;
                        threads[w] = new Thread(() => Work(seeds, output));
                        threads[w].Start();
                    }

                    foreach (var thread in threads)
                    {
                        thread.Join();
                    }

                    return results;
                }

                public void PerSeed(int[] seeds)
                {
                    foreach (var seed in seeds)
                    {
                        var found = new HashSet<int>();
                        Task.Run(() => { found.Add(seed); found.Add(seed + 1); });
                    }
                }

                private static void Work(int[] seeds, List<int> output)
                {
                    foreach (var seed in seeds)
                    {
                        output.Add(seed);
                    }
                }
            }
            """);

    [Fact]
    public Task A_list_declared_outside_the_loop_or_touched_by_the_starter_is_still_shared()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class Crawler
            {
                public void Shared(int workers)
                {
                    var output = new List<int>();
                    for (int w = 0; w < workers; w++)
                    {
                        {|#5:new Thread(() => {|#0:output.Add(1)|})|}.Start();
                    }
                }

                public void StarterKeepsWriting(int workers)
                {
                    for (int w = 0; w < workers; w++)
                    {
                        var output = new List<int>();
                        var thread = {|#3:new Thread(() => {|#1:output.Add(1)|})|};
                        thread.Start();
                        {|#2:output.Add(2)|};
                    }
                }

                public void InnerLoopSharesTheOuterIterationsList(int workers)
                {
                    for (int batch = 0; batch < 3; batch++)
                    {
                        var output = new List<int>();
                        for (int w = 0; w < workers; w++)
                        {
                            {|#6:new Thread(() => {|#4:output.Add(w)|})|}.Start();
                        }
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(5).WithArguments("output", "List<int>", "Shared", "'Shared' runs on several threads (started at line 11)"),
            Verify.Diagnostic().WithLocation(1).WithLocation(3).WithArguments("output", "List<int>", "StarterKeepsWriting", "'StarterKeepsWriting' runs on several threads (started at line 20)"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("output", "List<int>", "StarterKeepsWriting", "'StarterKeepsWriting' runs on several threads (started at line 20)"),
            Verify.Diagnostic().WithLocation(4).WithLocation(6).WithArguments("output", "List<int>", "InnerLoopSharesTheOuterIterationsList", "'InnerLoopSharesTheOuterIterationsList' runs on several threads (started at line 33)"));
}
