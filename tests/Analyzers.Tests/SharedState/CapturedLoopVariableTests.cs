using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Work started inside a <c>for</c> loop that reads the loop's one variable (<see cref="CapturedLoopVariable"/>).</summary>
public class CapturedLoopVariableTests
{
    [Fact]
    public Task Thread_started_in_a_for_loop_reads_the_loop_variable()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Strips
            {
                private readonly int[][] _regions = new int[4][];

                public void Step()
                {
                    var workers = new Thread[_regions.Length];
                    for (var r = 0; r < _regions.Length; r++)
                    {
                        workers[r] = {|#1:new Thread(() => Work(_regions[{|#0:r|}]))|};
                        workers[r].Start();
                    }

                    foreach (var worker in workers) worker.Join();
                }

                private static void Work(int[] region) { }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "r", "Step", "the loop at line 10 moves its one 'r' on while the code started at line 12 reads it (copy it to a local declared inside the loop)"));

    [Fact]
    public Task Work_joined_within_the_pass_or_given_a_copy_is_fine()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Passes
            {
                public static void Run(int[][] regions)
                {
                    for (var pass = 0; pass < 3; pass++)
                    {
                        Parallel.For(0, regions.Length, i => Work(regions[i], pass));

                        var tasks = new List<Task>();
                        for (var r = 0; r < regions.Length; r++)
                        {
                            var copy = r;
                            tasks.Add(Task.Run(() => Work(regions[copy], pass)));
                        }

                        Task.WaitAll(tasks.ToArray());
                    }
                }

                private static void Work(int[] region, int pass) { }
            }
            """);
}
