using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>FL1001 for each kind of shared state, for interprocedural cases, and for the unsynchronized twins of the silent forms.</summary>
public class SharedStateKindTests
{
    [Fact]
    public Task Instance_field_of_this_captured_by_parallel_body()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Counter
            {
                private int hits;
                public void Run() => Parallel.For(0, 100, i => { [|hits += i|]; });
            }
            """);

    [Fact]
    public Task Captured_local_with_message_and_start_line()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;

            class C
            {
                static int Sum(int[] values)
                {
                    int sum = 0;
                    {|#1:Parallel.ForEach(values, v => { {|#0:sum += v|}; })|};
                    return sum;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("sum", "Sum", "'Sum' runs on several threads (started at line 8)"));

    [Fact]
    public Task Static_auto_property()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Stats
            {
                public static int Processed { get; set; }
                public static void Run() => Parallel.For(0, 100, i => { [|Processed++|]; });
            }
            """);

    [Fact]
    public Task Check_then_act_lazy_initialization()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Cache
            {
                private static object instance;
                private static object Get() { if (instance == null) { [|instance = new object()|]; } return instance; }
                public static void Run() => Parallel.For(0, 100, i => Get());
            }
            """);

    [Fact]
    public Task Shared_object_captured_by_two_threads_calls_instance_method()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Account
            {
                private int balance;
                public void Deposit(int n) { [|balance = balance + n|]; }
            }
            class Program
            {
                static void Main()
                {
                    var account = new Account();
                    var t1 = new Thread(() => account.Deposit(1));
                    var t2 = new Thread(() => account.Deposit(2));
                    t1.Start(); t2.Start(); t1.Join(); t2.Join();
                }
            }
            """);

    [Fact]
    public Task Interprocedural_three_calls_deep_across_types()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Ledger { public static long Total; public static void Post(long n) { [|Total += n|]; } }
            static class Service { public static void Handle(int i) => Validate(i); static void Validate(int i) => Ledger.Post(i); }
            static class Program { static void Main() => Parallel.For(0, 10, i => Service.Handle(i)); }
            """);

    [Fact]
    public Task Starter_writes_between_start_and_join()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                static int count;
                static void Main()
                {
                    var t = new Thread(() => { [|count++|]; });
                    t.Start();
                    [|count++|];
                    t.Join();
                }
            }
            """);

    [Fact]
    public Task Unjoined_task_races_with_the_starter()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                int pending;
                async Task RunAsync()
                {
                    var t = Task.Run(() => { [|pending--|]; });
                    [|pending++|];
                    await t;
                    pending = 0;
                }
            }
            """);

    [Fact]
    public Task Two_different_threads_writing_the_same_field()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                static int last;
                static void Main()
                {
                    new Thread(() => { [|last = 1 + Thread.CurrentThread.ManagedThreadId|]; }).Start();
                    new Thread(() => { [|last = 2 + Thread.CurrentThread.ManagedThreadId|]; }).Start();
                }
            }
            """);

    [Fact]
    public Task Publishing_a_string_or_record_from_two_threads_loses_nothing()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            record Settings(string Name);

            class C
            {
                static string last;
                static Settings current;
                static string version;
                static string Compute() => "v" + Thread.CurrentThread.ManagedThreadId;
                static void Main()
                {
                    new Thread(() => { last = "a" + Thread.CurrentThread.ManagedThreadId; current = new Settings("a"); version ??= Compute(); }).Start();
                    new Thread(() => { last = "b" + Thread.CurrentThread.ManagedThreadId; current = new Settings("b"); version ??= Compute(); }).Start();
                }
            }
            """);

    [Fact]
    public Task Semaphore_released_before_the_write()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
                int count;
                void Run() => Parallel.For(0, 10, i => { gate.Wait(); gate.Release(); [|count++|]; });
            }
            """);

    [Fact]
    public Task Read_lock_does_not_protect_writes()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                readonly ReaderWriterLockSlim gate = new ReaderWriterLockSlim();
                int count;
                void Run() => Parallel.For(0, 10, i => { gate.EnterReadLock(); try { [|count++|]; } finally { gate.ExitReadLock(); } });
            }
            """);

    [Fact]
    public Task Sequential_awaits_inside_a_parallel_body_still_race_across_iterations()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static int count;
                static Task Run() => Parallel.ForEachAsync(new[] { 1, 2 }, async (i, ct) => { await Task.Yield(); [|count++|]; });
            }
            """);

    [Fact]
    public Task Parallel_Invoke_with_two_methods_writing_one_field()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static string status = "";
                static void Load() { [|status = status + "loaded;"|]; }
                static void Save() { [|status = status + "saved;"|]; }
                static void Main() => Parallel.Invoke(Load, Save);
            }
            """);

    [Fact]
    public Task Parallel_For_localFinally_runs_concurrently()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static long Sum(int[] values)
                {
                    long total = 0;
                    Parallel.For(0, values.Length, () => 0L, (i, state, local) => local + values[i], local => { [|total += local|]; });
                    return total;
                }
            }
            """);
}
