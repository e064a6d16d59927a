using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Every synchronization form of the issue: concurrent code that is correct must stay silent (FL1001–FL1003).</summary>
public class SynchronizationFormTests
{
    private static string Parallel(string members, string body) => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        class C
        {
            {{members}}

            void Run()
            {
                System.Threading.Tasks.Parallel.For(0, 1000, i =>
                {
                    {{body}}
                });
            }
        }
        """;

    [Fact]
    public Task Lock_statement() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly object gate = new object(); int count;", "lock (gate) { count++; }"));

    [Fact]
    public Task Monitor_Enter_Exit_region() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly object gate = new object(); int count;",
        "bool taken = false; try { Monitor.Enter(gate, ref taken); count++; } finally { if (taken) Monitor.Exit(gate); }"));

    [Fact]
    public Task SemaphoreSlim_region() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1); int count;",
        "gate.Wait(); try { count++; } finally { gate.Release(); }"));

    [Fact]
    public Task Mutex_region() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly Mutex gate = new Mutex(); int count;",
        "gate.WaitOne(); try { count++; } finally { gate.ReleaseMutex(); }"));

    [Fact]
    public Task ReaderWriterLockSlim_write_lock() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly ReaderWriterLockSlim gate = new ReaderWriterLockSlim(); readonly Dictionary<int, int> map = new();",
        "gate.EnterWriteLock(); try { map[i] = i; } finally { gate.ExitWriteLock(); }"));

    [Fact]
    public Task Lock_type_on_net9() => SharedStateSilence.VerifyNoRaceAsync(
        Parallel("readonly Lock gate = new Lock(); int count;", "lock (gate) { count++; } using (gate.EnterScope()) { count--; }"),
        TestReferences.Net90);

    [Fact]
    public Task Interlocked_and_Volatile() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "int count; long total; bool seen;",
        "Interlocked.Increment(ref count); Interlocked.Add(ref total, i); Volatile.Write(ref seen, true);"));

    [Fact]
    public Task ImmutableInterlocked() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "ImmutableList<int> items = ImmutableList<int>.Empty;",
        "ImmutableInterlocked.Update(ref items, l => l.Add(i));"));

    [Fact]
    public Task Concurrent_collections() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly ConcurrentDictionary<int, int> map = new(); readonly ConcurrentBag<int> bag = new(); readonly Channel<int> channel = Channel.CreateUnbounded<int>(); readonly BlockingCollection<int> queue = new();",
        "map[i] = i; map.TryAdd(i, i); bag.Add(i); channel.Writer.TryWrite(i); queue.Add(i);"));

    [Fact]
    public Task ThreadStatic_ThreadLocal_AsyncLocal() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "[ThreadStatic] static int perThread; readonly ThreadLocal<int> local = new(); readonly AsyncLocal<int> flow = new();",
        "perThread++; local.Value++; flow.Value = i;"));

    [Fact]
    public Task Locals_declared_inside_the_body() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "", "int sum = 0; var list = new List<int>(); for (int j = 0; j < i; j++) { sum += j; list.Add(j); }"));

    [Fact]
    public Task Own_array_slot_per_iteration() => SharedStateSilence.VerifyNoRaceAsync(Parallel(
        "readonly int[] results = new int[1000];", "results[i] = i * i;"));

    [Fact]
    public Task Lambda_parameter_objects_are_not_shared() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Item { public int Hits; public List<int> Log = new(); public void Touch() { Hits++; Log.Add(Hits); } }
        class C
        {
            void Run(List<Item> items) => Parallel.ForEach(items, item => { item.Hits++; item.Touch(); });
        }
        """);

    [Fact]
    public Task Writes_before_start_and_after_join() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Collections.Generic;
        using System.Threading;

        class C
        {
            static int count;
            static void Main()
            {
                var results = new List<int>();
                count = 1;
                results.Add(0);
                var t = new Thread(() => { count++; results.Add(count); });
                count = 2;
                t.Start();
                t.Join();
                count++;
                results.Add(count);
            }
        }
        """);

    [Fact]
    public Task Sequential_awaits() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Threading.Tasks;

        class C
        {
            static int count;
            static async Task Main()
            {
                await Task.Run(() => count++);
                await Task.Run(() => count++);
                var t = Task.Run(() => count++);
                await t;
                count++;
                Task.Run(() => count++).Wait();
            }
        }
        """);

    [Fact]
    public Task Single_thread_and_idempotent_flag_stores() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            static int count;
            static bool found;
            static void Main()
            {
                var t = new Thread(() => { for (int i = 0; i < 10; i++) count++; });
                t.Start();
                t.Join();
                Parallel.For(0, 10, i => { if (i == 5) found = true; });
            }
        }
        """);

    [Fact]
    public Task Call_made_under_a_lock_covers_the_callee() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Threading.Tasks;

        class Account
        {
            private readonly object gate = new object();
            private int balance;
            private void Apply(int n) => balance += n;
            public void Deposit(int n) { lock (gate) { Apply(n); } }
            public void Run() => Parallel.For(0, 100, i => Deposit(i));
        }
        """);

    [Fact]
    public Task Distinct_objects_per_thread_are_not_shared() => SharedStateSilence.VerifyNoRaceAsync("""
        using System.Threading;

        class Worker
        {
            private int done;
            public void Run() { done++; }
        }
        class C
        {
            static void Main()
            {
                var a = new Worker();
                var b = new Worker();
                var t1 = new Thread(a.Run);
                var t2 = new Thread(b.Run);
                t1.Start(); t2.Start();
                new Thread(new Worker().Run).Start();
                new Thread(() => new Worker().Run()).Start();
            }
        }
        """);
}
