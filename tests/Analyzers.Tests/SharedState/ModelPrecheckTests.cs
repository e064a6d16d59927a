using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis.Text;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The model skips files whose text cannot hold a thread start (<see cref="ConcurrentEntryFinder.MayContainCandidates"/>).
/// Skipping must never lose a race: these tests pin the words and shapes that keep a file in.
/// </summary>
public class ModelPrecheckTests
{
    [Theory]
    [InlineData("class C { void M() { System.Threading.Tasks.Task.Run(() => { }); } }")]
    [InlineData("class C { void M() { Parallel.ForEach(items, i => { }); } }")]
    [InlineData("class C { void M() { handler?.Invoke(); } }")]
    [InlineData("class C { void M() { var q = items.AsParallel(); } }")]
    [InlineData("class C { void M() { timer.Elapsed += OnTick; } }")]
    [InlineData("class C { System.Threading.Thread t = new(() => { }); }")]
    [InlineData("class C { T t = new (() => { }); }")]
    [InlineData("class C { T t = new\n(() => { }); }")]
    [InlineData("class C { T t = new /* args */ (() => { }); }")]
    [InlineData("class C { void M() { Task.\\u0052un(() => { }); } }")]
    [InlineData("class C { T t = new( work ); }")]
    [InlineData("class C { List<int> items = new(); T t = new(Work); }")]
    [InlineData("class C { T t = new(\n    work); }")]
    [InlineData("class C { T t = new(/* none */); }")]
    [InlineData("class C { T t = new(\n#if DEBUG\n    work\n#endif\n); }")]
    [InlineData("class C { void M() { @Run(); } }")]
    public void Text_that_may_start_a_thread_is_kept(string source)
        => Assert.True(ConcurrentEntryFinder.MayContainCandidates(SourceText.From(source)));

    [Theory]
    [InlineData("class C { string M(int x) => string.Format(\"{0}\", x); }")]
    [InlineData("class C { void M() { var list = new List<int>(); RunAll(); Runtime(); foreach (var x in list) { } } }")]
    [InlineData("class C { async Task<int> M() { await Task.Delay(1); return 0; } }")]
    [InlineData("class C { List<int> items = new(); Dictionary<int, string> names = new ( ); }")]
    [InlineData("class C<T> where T : new() { T Make() => new T(); }")]
    [InlineData("")]
    public void Text_without_a_thread_start_is_skipped(string source)
        => Assert.False(ConcurrentEntryFinder.MayContainCandidates(SourceText.From(source)));

    [Fact]
    public async Task Target_typed_thread_whose_type_is_declared_in_another_file_is_still_found()
    {
        // The starting file names neither Thread nor a start method: only 'new(' keeps it in the scan.
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    partial class Counter
                    {
                        static int count;

                        static void Work() { for (int i = 0; i < 1000; i++) { {|#0:count = count + 1|}; } }

                        static void Main()
                        {
                            first = {|#1:new(Work)|};
                            second = new(Work);
                            Go();
                        }
                    }
                    """,
                    """
                    partial class Counter
                    {
                        static System.Threading.Thread first = null!, second = null!;

                        static void Go() { first.Start(); second.Start(); }
                    }
                    """,
                },
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("count", "Work", "'Work' runs on several threads (started at line 9)") },
            },
        };
        await test.RunAsync();
    }
}
