using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The syntax pre-check that skips a type whose lock regions cannot be inconsistent (LexicalLocking) never hides a
/// race: each test is a type where every unlocked use of the guarded state is written in a way a naive check would
/// miss (through a helper, a callback, a tuple, the type's name), and the race is still reported.
/// </summary>
public class LexicalLockingTests
{
    private static Task VerifyInconsistentAsync(string source)
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(source);

    /// <summary>
    /// Blind set m, R03: a timer's callback enumerates, with <c>foreach</c>, the list every other member changes under
    /// the lock. The pre-check took the collection of a <c>foreach</c> for the loop variable's type and skipped the type.
    /// </summary>
    [Fact]
    public Task Collection_enumerated_by_foreach_without_the_lock()
        => VerifyInconsistentAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            public sealed class ExpoBoard
            {
                private readonly object _sync = new();
                private readonly List<int> _open = new();
                private readonly Timer _refresh;

                public ExpoBoard() => _refresh = new Timer(_ => Redraw(), null, 1000, 1000);

                public void Fire(int ticket) { lock (_sync) { _open.Add(ticket); } }

                public void Bump(int ticket) { lock (_sync) { _open.Remove(ticket); } }

                public int Total() { var total = 0; foreach (int ticket in [|_open|]) total += ticket; return total; }

                private void Redraw() { foreach (var ticket in [|_open|]) Console.WriteLine(ticket); }
            }
            """);

    [Fact]
    public Task Private_helper_called_under_the_lock_and_from_a_public_member_without_it()
        => VerifyInconsistentAsync("""
            public sealed class Meter
            {
                private readonly object _sync = new object();
                private long _total;

                public void Add(long amount)
                {
                    lock (_sync)
                    {
                        Bump(amount);
                    }
                }

                public void AddUnlocked(long amount) => Bump(amount);

                private void Bump(long amount) => [|_total += amount|];

                public long Total { get { lock (_sync) return _total; } }
            }
            """);

    [Fact]
    public Task Public_member_called_under_the_lock_and_by_callers_without_it()
        => VerifyInconsistentAsync("""
            public sealed class Meter
            {
                private readonly object _sync = new object();
                private long _total;

                public void AddLocked(long amount)
                {
                    lock (_sync)
                    {
                        Add(amount);
                    }
                }

                public void Add(long amount) => [|_total += amount|];
            }
            """);

    [Fact]
    public Task Field_used_only_in_a_lock_body_and_in_a_private_helper_that_a_public_member_calls()
        => VerifyInconsistentAsync("""
            public sealed class Counter
            {
                private readonly object _sync = new object();
                private int _count;

                public void Increment()
                {
                    lock (_sync)
                    {
                        _count++;
                    }
                }

                public void Reset() => ResetCore();

                private void ResetCore() => [|_count = 0|];
            }
            """);

    [Fact]
    public Task Timer_callback_handed_out_by_the_constructor_writes_without_the_lock()
        => VerifyInconsistentAsync("""
            using System;
            using System.Threading;

            public sealed class Sampler
            {
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private int _samples;

                public Sampler() => _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

                public int Take()
                {
                    lock (_sync)
                    {
                        var taken = _samples;
                        _samples = 0;
                        return taken;
                    }
                }

                private void OnTick(object state) => [|_samples++|];
            }
            """);

    [Fact]
    public Task Tuple_assignment_writes_the_guarded_field_without_the_lock()
        => VerifyInconsistentAsync("""
            public sealed class Window
            {
                private readonly object _sync = new object();
                private int _low;
                private int _high;

                public void Widen(int by)
                {
                    lock (_sync)
                    {
                        _low -= by;
                        _high += by;
                    }
                }

                public void Reset() => ([|_low|], [|_high|]) = (0, 0);
            }
            """);

    [Fact]
    public Task Static_total_written_through_the_type_name_without_the_lock()
        => VerifyInconsistentAsync("""
            public sealed class Registry
            {
                private static readonly object Sync = new object();
                private static int s_registered;

                public static void Register()
                {
                    lock (Sync)
                    {
                        s_registered++;
                    }
                }

                public static void Clear() => [|Registry.s_registered = 0|];
            }
            """);

    [Fact]
    public Task Collection_read_outside_the_lock_that_guards_its_writes()
        => VerifyInconsistentAsync("""
            using System.Collections.Generic;

            public sealed class Subscribers
            {
                private readonly object _sync = new object();
                private readonly List<string> _names = new List<string>();

                public void Add(string name)
                {
                    lock (_sync)
                    {
                        _names.Add(name);
                    }
                }

                public int Count => [|_names.Count|];
            }
            """);
}
