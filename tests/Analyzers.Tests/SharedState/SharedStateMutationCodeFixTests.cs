using Forklift.Analyzers.SharedState;
using Forklift.CodeFixes.SharedState;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer, Forklift.CodeFixes.SharedState.SharedStateMutationCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

public class SharedStateMutationCodeFixTests
{
    [Fact]
    public Task Seed_fixed_with_Interlocked_add_and_subtract()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Threading;

            static class Bank
            {
                static int balance;
                static void Deposit(int n) { [|balance = balance + n|]; }
                static void Withdraw(int n) { [|balance -= n|]; }
                static void Main()
                {
                    var t1 = new Thread(() => { Deposit(1); Withdraw(1); });
                    var t2 = new Thread(() => { Deposit(1); Withdraw(1); });
                    t1.Start(); t2.Start(); t1.Join(); t2.Join();
                }
            }
            """,
            """
            using System.Threading;

            static class Bank
            {
                static int balance;
                static void Deposit(int n) { Interlocked.Add(ref balance, n); }
                static void Withdraw(int n) { Interlocked.Add(ref balance, -n); }
                static void Main()
                {
                    var t1 = new Thread(() => { Deposit(1); Withdraw(1); });
                    var t2 = new Thread(() => { Deposit(1); Withdraw(1); });
                    t1.Start(); t2.Start(); t1.Join(); t2.Join();
                }
            }
            """);

    [Fact]
    public Task Increment_and_decrement_in_parallel_lambdas_add_the_using()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Threading.Tasks;

            class C
            {
                long hits;
                int misses;
                void Run() => Parallel.For(0, 10, i => [|hits++|]);
                void Undo() => Parallel.For(0, 10, i => { [|--misses|]; });
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                long hits;
                int misses;
                void Run() => Parallel.For(0, 10, i => Interlocked.Increment(ref hits));
                void Undo() => Parallel.For(0, 10, i => { Interlocked.Decrement(ref misses); });
            }
            """);

    [Fact]
    public Task Fix_all_with_Interlocked_locks_every_update_of_a_field_that_Interlocked_cannot_fix_everywhere()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            // 'hits' is fixable by Interlocked at every update; 'total' is not ('total * 2'), so mixing Interlocked.Add
            // with a locked multiply would still race: Fix All (one dotnet format run) locks both of its updates.
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly object gate = new object();
                    int hits;
                    int total;
                    void Run() => Parallel.For(0, 10, i =>
                    {
                        [|hits++|];
                        [|total += i|];
                        [|total = total * 2|];
                    });
                }
                """,
            // One at a time, "Use Interlocked" is offered for 'hits' only; 'total''s updates keep their reports.
            FixedState =
            {
                MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow,
                Sources =
                {
                    """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        private readonly object gate = new object();
                        int hits;
                        int total;
                        void Run() => Parallel.For(0, 10, i =>
                        {
                            Interlocked.Increment(ref hits);
                            [|total += i|];
                            [|total = total * 2|];
                        });
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.InterlockedKey,
            BatchFixedState =
            {
                Sources =
                {
                    """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        private readonly object gate = new object();
                        int hits;
                        int total;
                        void Run() => Parallel.For(0, 10, i =>
                        {
                            Interlocked.Increment(ref hits);
                            lock (gate)
                            {
                                total += i;
                            }
                            lock (gate)
                            {
                                total = total * 2;
                            }
                        });
                    }
                    """,
                },
            },
        }.RunAsync();

    [Fact]
    public Task Lock_fix_reuses_the_existing_lock_field()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly object gate = new object();
                    private string last = "";
                    void Run() => Parallel.For(0, 10, i =>
                    {
                        [|last = last + i|];
                    });
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly object gate = new object();
                    private string last = "";
                    void Run() => Parallel.For(0, 10, i =>
                    {
                        lock (gate)
                        {
                            last = last + i;
                        }
                    });
                }
                """,
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.LockKey,
        }.RunAsync();

    [Fact]
    public Task Lock_fix_adds_one_static_lock_field_for_all_fixes()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Names
                {
                    static object first;
                    static object last;
                    static void Run() => Parallel.For(0, 10, i =>
                    {
                        [|first = i.ToString()|];
                        [|last = first.ToString() + i|];
                    });
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                static class Names
                {
                    private static readonly object s_lock = new object();
                    static object first;
                    static object last;
                    static void Run() => Parallel.For(0, 10, i =>
                    {
                        lock (s_lock)
                        {
                            first = i.ToString();
                        }
                        lock (s_lock)
                        {
                            last = first.ToString() + i;
                        }
                    });
                }
                """,
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.LockKey,
        }.RunAsync();

    [Fact]
    public Task Lock_fix_uses_System_Threading_Lock_on_net9()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            ReferenceAssemblies = Verifiers.TestReferences.Net90,
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    string last = "";
                    void Run() => Parallel.For(0, 10, i => [|last = last + i|]);
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly Lock _lock = new();
                    string last = "";
                    void Run() => Parallel.For(0, 10, i =>
                    {
                        lock (_lock)
                        {
                            last = last + i;
                        }
                    });
                }
                """,
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.LockKey,
        }.RunAsync();

    [Fact]
    public Task Lock_fix_for_a_check_then_act_wraps_the_whole_if()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Registry
                {
                    private static readonly object s_gate = new object();
                    static object instance;
                    static void Run() => Parallel.For(0, 10, i =>
                    {
                        if (instance == null)
                        {
                            [|instance = new object()|];
                        }
                    });
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                static class Registry
                {
                    private static readonly object s_gate = new object();
                    static object instance;
                    static void Run() => Parallel.For(0, 10, i =>
                    {
                        lock (s_gate)
                        {
                            if (instance == null)
                            {
                                instance = new object();
                            }
                        }
                    });
                }
                """,
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.LockKey,
        }.RunAsync();

    [Fact]
    public Task Lock_fix_is_not_offered_for_an_act_under_else_if()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Registry
                {
                    static object instance;
                    static void Run(bool reset) => Parallel.For(0, 10, i =>
                    {
                        if (reset) { }
                        else if (instance == null) [|instance = new object()|];
                    });
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                static class Registry
                {
                    static object instance;
                    static void Run(bool reset) => Parallel.For(0, 10, i =>
                    {
                        if (reset) { }
                        else if (instance == null) [|instance = new object()|];
                    });
                }
                """,
            CodeActionEquivalenceKey = SharedStateMutationCodeFix.LockKey,
        }.RunAsync();

    /// <summary>
    /// A shared scratch buffer grown with <c>Array.Resize</c> is read around the resize too (the length check, the
    /// writes into it): a lock around the resize alone would leave those racing, so no fix is offered (set ag R13).
    /// </summary>
    [Fact]
    public Task Lock_fix_is_not_offered_for_a_shared_buffer_resized_in_place()
        => new Verifiers.CSharpCodeFixVerifier<SharedStateMutationAnalyzer, SharedStateMutationCodeFix>.Test
        {
            TestCode = ArrayContentsTests.ResizedBuffer,
            FixedCode = ArrayContentsTests.ResizedBuffer,
        }.RunAsync();
}
