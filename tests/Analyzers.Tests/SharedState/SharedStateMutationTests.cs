using Forklift.Analyzers.SharedState;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class SharedStateMutationTests
{
    private const string SeedTemplate = """
        using System;
        using System.Threading;

        static class Bank
        {
            static int balance;
            static readonly object gate = new object();

            static void Deposit(int n) { DEPOSIT }
            static void Withdraw(int n) { WITHDRAW }

            static void Main()
            {
                var t1 = {|#1:new Thread(() => { for (int i = 0; i < 100000; i++) { Deposit(1); Withdraw(1); } })|};
                var t2 = new Thread(() => { for (int i = 0; i < 100000; i++) { Deposit(1); Withdraw(1); } });
                t1.Start(); t2.Start();
                t1.Join(); t2.Join();
                Console.WriteLine(balance);
            }
        }
        """;

    [Fact]
    public async Task Seed_two_threads_deposit_and_withdraw_on_static_balance_is_flagged()
    {
        var source = SeedTemplate
            .Replace("DEPOSIT", "{|#0:balance = balance + n|};")
            .Replace("WITHDRAW", "{|#2:balance = balance - n|};");
        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("balance", "Deposit", "'Deposit' runs on several threads (started at line 14)"),
            Verify.Diagnostic().WithLocation(2).WithLocation(1).WithArguments("balance", "Withdraw", "'Withdraw' runs on several threads (started at line 14)"));
    }

    [Fact]
    public Task Seed_with_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(SeedTemplate
            .Replace("DEPOSIT", "lock (gate) { balance = balance + n; }")
            .Replace("WITHDRAW", "lock (gate) { balance = balance - n; }"));

    [Fact]
    public Task Seed_with_interlocked_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(SeedTemplate
            .Replace("DEPOSIT", "Interlocked.Add(ref balance, n);")
            .Replace("WITHDRAW", "Interlocked.Add(ref balance, -n);"));

    [Fact]
    public Task One_instance_whose_method_is_started_on_threads_in_a_loop_is_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Worker
            {
                private long _processed;

                public void Run() { for (var i = 0; i < 1000; i++) [|_processed++|]; }

                public static void RunAll(int n)
                {
                    var worker = new Worker();
                    for (var i = 0; i < n; i++) new Thread(worker.Run).Start();
                }
            }
            """);
    [Fact]
    public Task Running_flag_checked_then_set_by_a_periodic_timer_callback()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class OutboxDispatcher
            {
                private readonly Timer _timer;
                private bool _isDispatching;

                public OutboxDispatcher(TimeSpan interval) => _timer = new Timer(OnTick, null, interval, interval);

                private async void OnTick(object? state)
                {
                    if (_isDispatching)
                    {
                        return;
                    }

                    {|#0:_isDispatching = true|};
                    try
                    {
                        await Task.Delay(100);
                    }
                    finally
                    {
                        _isDispatching = false;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithSpan(10, 60, 10, 103).WithArguments("_isDispatching", "OnTick", "'OnTick' runs on several threads (started at line 10)"));

    [Fact]
    public Task Running_flag_set_with_Interlocked_or_a_flag_stored_without_a_check_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public sealed class Poller
            {
                private readonly Timer _timer;
                private int _running;
                private bool _sawWork;

                public Poller(TimeSpan interval) => _timer = new Timer(OnTick, null, interval, interval);

                private void OnTick(object? state)
                {
                    if (Interlocked.Exchange(ref _running, 1) == 1)
                    {
                        return;
                    }

                    try
                    {
                        _sawWork = true;
                    }
                    finally
                    {
                        Volatile.Write(ref _running, 0);
                    }
                }
            }
            """);
}
