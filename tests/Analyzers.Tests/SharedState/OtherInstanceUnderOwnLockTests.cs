using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A lock field guards the fields of its own object: changing another object's fields under this object's lock
/// excludes neither that object's owner nor other callers that hold their own objects' locks (#9, set aw R14, a
/// work-stealing queue whose thief locks its own queue).
/// </summary>
public class OtherInstanceUnderOwnLockTests
{
    private const string Queue = """
        using System;
        using System.Threading;

        public sealed class StrandQueue
        {
            private readonly object _sync = new object();
            private string?[] _items = new string?[32];
            private int _head;
            private int _tail;

            public void Push(string task)
            {
                lock (_sync)
                {
                    if (_tail == _items.Length)
                    {
                        Array.Resize(ref _items, _items.Length * 2);
                    }

                    _items[_tail++] = task;
                }
            }

            public string? TryPop()
            {
                lock (_sync)
                {
                    if (_tail == _head)
                    {
                        return null;
                    }

                    var task = _items[--_tail];
                    _items[_tail] = null;
                    return task;
                }
            }

        """;

    [Fact]
    public Task Thief_that_changes_the_victims_queue_under_its_own_lock_is_flagged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(Queue + """
                public string? TrySteal(StrandQueue victim)
                {
                    lock ({|#1:_sync|})
                    {
                        if (victim._head < victim._tail)
                        {
                            var task = victim._items[victim._head];
                            {|#0:victim._items|}[victim._head++] = null;
                            return task;
                        }

                        return null;
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("victim._items", "changed", "victim._sync", "in 'Push', 'TryPop' (6 of 6 accesses on their own object)",
                    "'TrySteal' holds its own object's '_sync', not 'victim''s, so it runs beside the code that holds 'victim._sync'"));

    [Fact]
    public Task Thief_that_takes_the_victims_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Queue + """
                public string? TrySteal(StrandQueue victim)
                {
                    lock (victim._sync)
                    {
                        if (victim._head < victim._tail)
                        {
                            var task = victim._items[victim._head];
                            victim._items[victim._head++] = null;
                            return task;
                        }

                        return null;
                    }
                }
            }
            """);

    [Fact]
    public Task Copy_made_under_the_own_lock_into_a_new_object_and_an_equality_read_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Queue + """
                public StrandQueue Snapshot()
                {
                    lock (_sync)
                    {
                        var copy = new StrandQueue();
                        copy._items = (string?[])_items.Clone();
                        copy._head = _head;
                        copy._tail = _tail;
                        return copy;
                    }
                }

                public bool SameLength(StrandQueue other)
                {
                    lock (_sync)
                    {
                        return _tail - _head == other._tail - other._head;
                    }
                }
            }
            """);

    [Fact]
    public Task A_lock_shared_by_every_object_guards_them_all()
        => SharedStateSilence.VerifyNoRaceAsync("""
            public sealed class Account
            {
                private static readonly object Ledger = new object();
                private decimal _balance;

                public void Deposit(decimal amount)
                {
                    lock (Ledger)
                    {
                        _balance += amount;
                    }
                }

                public decimal Balance
                {
                    get
                    {
                        lock (Ledger)
                        {
                            return _balance;
                        }
                    }
                }

                public void TransferTo(Account other, decimal amount)
                {
                    lock (Ledger)
                    {
                        _balance -= amount;
                        other._balance += amount;
                    }
                }
            }
            """);
}
