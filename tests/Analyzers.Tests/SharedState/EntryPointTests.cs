using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>FL1001 for each way of starting concurrent code: each body updates a static counter without synchronization.</summary>
public class EntryPointTests
{
    private static string InClass(string body, string usings = "") => $$"""
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        {{usings}}

        class C
        {
            static int count;
            static void Work() { [|count++|]; }

            {{body}}
        }
        """;

    [Fact]
    public Task Thread_started_twice_with_method_group()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                var a = new Thread(Work);
                var b = new Thread(Work);
                a.Start(); b.Start();
                a.Join(); b.Join();
            }
            """));

    [Fact]
    public Task Threads_started_in_a_loop()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                for (int i = 0; i < 4; i++) new Thread(() => Work()).Start();
            }
            """));

    [Fact]
    public Task ThreadPool_QueueUserWorkItem_in_a_loop()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                for (int i = 0; i < 4; i++) ThreadPool.QueueUserWorkItem(_ => Work());
            }
            """));

    [Fact]
    public Task ThreadPool_UnsafeQueueUserWorkItem_twice()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => Work(), null);
                ThreadPool.UnsafeQueueUserWorkItem(_ => Work(), null);
            }
            """));

    [Fact]
    public Task Task_Run_twice_then_WhenAll()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task Main()
            {
                var a = Task.Run(Work);
                var b = Task.Run(() => Work());
                await Task.WhenAll(a, b);
            }
            """));

    [Fact]
    public Task Task_Factory_StartNew_in_a_loop()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                var tasks = new Task[4];
                for (int i = 0; i < tasks.Length; i++) tasks[i] = Task.Factory.StartNew(Work);
                Task.WaitAll(tasks);
            }
            """));

    [Fact]
    public Task Parallel_For()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main() => Parallel.For(0, 100, i => Work());
            """));

    [Fact]
    public Task Parallel_ForEach()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main() => Parallel.ForEach(new[] { 1, 2, 3 }, i => Work());
            """));

    [Fact]
    public Task Parallel_ForEachAsync()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static Task Main() => Parallel.ForEachAsync(new[] { 1, 2, 3 }, (i, ct) => { Work(); return ValueTask.CompletedTask; });
            """));

    [Fact]
    public Task Parallel_Invoke_with_the_same_method_twice()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main() => Parallel.Invoke(Work, () => Work());
            """));

    [Fact]
    public Task Plinq_ForAll()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main() => Enumerable.Range(0, 100).AsParallel().ForAll(i => Work());
            """));

    [Fact]
    public Task Plinq_Select_after_AsParallel()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static int[] Main() => Enumerable.Range(0, 100).AsParallel().Select(i => { Work(); return i; }).ToArray();
            """));

    [Fact]
    public Task Threading_Timer_callback()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static Timer timer = new Timer(_ => Work(), null, 0, 10);
            """));

    [Fact]
    public Task Timers_Timer_Elapsed_handler()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static void Main()
            {
                var timer = new System.Timers.Timer(10);
                timer.Elapsed += (s, e) => Work();
                timer.Start();
            }
            """));

    [Theory]
    [InlineData("Changed")]
    [InlineData("Created")]
    [InlineData("Deleted")]
    public Task FileSystemWatcher_change_handler(string change)
        => Verify.VerifyAnalyzerAsync(InClass($$"""
            static void Main()
            {
                var watcher = new System.IO.FileSystemWatcher(".");
                watcher.{{change}} += (s, e) => Work();
                watcher.EnableRaisingEvents = true;
            }
            """));

    [Fact]
    public Task An_event_named_Changed_of_another_type_starts_nothing()
        => Verify.VerifyAnalyzerAsync("""
            using System;

            class Settings
            {
                public event EventHandler? Changed;
                public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
            }

            class C
            {
                static int counter;
                static void Work() => counter++;

                static void Main()
                {
                    var settings = new Settings();
                    settings.Changed += (s, e) => Work();
                    settings.Raise();
                }
            }
            """);

    [Fact]
    public Task WhenAll_over_Select_of_async_lambdas()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static Task Main() => Task.WhenAll(Enumerable.Range(0, 4).Select(async i => { await Task.Yield(); Work(); }));
            """));

    [Fact]
    public Task WhenAll_over_unawaited_async_calls()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task WorkAsync() { await Task.Yield(); Work(); }
            static async Task Main()
            {
                var first = WorkAsync();
                var second = WorkAsync();
                await Task.WhenAll(first, second);
            }
            """));

    [Fact]
    public Task WhenAll_over_Select_of_an_async_method_group()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task WorkAsync(int i) { await Task.Yield(); Work(); }
            static Task Main() => Task.WhenAll(Enumerable.Range(0, 4).Select(WorkAsync));
            """));

    [Fact]
    public Task WhenAll_over_a_list_of_lambdas_calling_an_async_method()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task WorkAsync(int i) { await Task.Delay(i).ConfigureAwait(false); Work(); }
            static async Task Main()
            {
                var jobs = Enumerable.Range(0, 4).Select(i => WorkAsync(i)).ToList();
                await Task.WhenAll(jobs);
            }
            """));

    [Fact]
    public Task WhenAll_over_a_task_list_filled_in_a_loop()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task WorkAsync(int i) { await Task.Yield(); Work(); }
            static async Task Main()
            {
                var tasks = new System.Collections.Generic.List<Task>();
                for (int i = 0; i < 4; i++) tasks.Add(WorkAsync(i));
                await Task.WhenAll(tasks);
            }
            """));

    [Fact]
    public Task WhenAll_over_a_collection_expression_of_async_calls()
        => Verify.VerifyAnalyzerAsync(InClass("""
            static async Task WorkAsync() { await Task.Yield(); Work(); }
            static Task Main() => Task.WhenAll([WorkAsync(), WorkAsync()]);
            """));
}
