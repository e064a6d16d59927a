using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A member of the objects a type keeps, written under a lock on the object in one member and under the type's own
/// lock in another: each side holds a lock, the two locks exclude nothing from each other (#9, set bb R05, a plot hold
/// confirmed under <c>lock (hold)</c> and expired under the book's lock; set v R03, a bid placed under
/// <c>Monitor.Enter(lot)</c> and withdrawn under the sale room's lock).
/// </summary>
public class ElementUnderTwoLocksTests
{
    private const string Hold = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public enum HoldStatus { Pending, Confirmed, Expired }

        public sealed class PlotHold
        {
            public PlotHold(string plotId, DateTime expiresUtc) { PlotId = plotId; ExpiresUtc = expiresUtc; }
            public string PlotId { get; }
            public DateTime ExpiresUtc { get; }
            public HoldStatus Status { get; set; }
        }

        public sealed class PlotHoldBook : IDisposable
        {
            private readonly object _sync = new();
            private readonly Dictionary<string, PlotHold> _holds = new();
            private readonly Timer _sweeper;

            public PlotHoldBook() => _sweeper = new Timer(_ => SweepExpired(), null, 5000, 5000);

            public PlotHold? TryHold(string plotId)
            {
                lock (_sync)
                {
                    if (_holds.ContainsKey(plotId)) return null;
                    var hold = new PlotHold(plotId, DateTime.UtcNow.AddMinutes(10));
                    hold.Status = HoldStatus.Pending;
                    _holds.Add(plotId, hold);
                    return hold;
                }
            }

            public void Dispose() => _sweeper.Dispose();

        """;

    private const string Sweep = """
            private void SweepExpired()
            {
                var now = DateTime.UtcNow;
                lock (_sync)
                {
                    foreach (var hold in _holds.Values)
                    {
                        if (hold.Status == HoldStatus.Pending && hold.ExpiresUtc <= now)
                        {
                            {|#1:hold.Status|} = HoldStatus.Expired;
                        }
                    }
                }
            }
        }
        """;

    [Fact]
    public Task Confirmed_under_the_holds_lock_and_expired_under_the_books_is_flagged()
        => Verify.VerifyAnalyzerAsync(Hold + """
                public bool Confirm(string plotId)
                {
                    PlotHold? hold;
                    lock (_sync)
                    {
                        _holds.TryGetValue(plotId, out hold);
                    }

                    if (hold is null) return false;
                    lock (hold)
                    {
                        if (hold.Status != HoldStatus.Pending) return false;
                        {|#0:hold.Status|} = HoldStatus.Confirmed;
                        return true;
                    }
                }

            """ + Sweep,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("hold.Status", "written", "_sync", "in 'SweepExpired' (2 of 4 accesses)",
                    "'Confirm' locks the 'PlotHold' itself instead, which those members do not, so both change it at once"));

    [Fact]
    public Task Confirmed_under_both_locks_is_silent()
        // Taking the book's lock as well orders the confirmation with the sweep.
        => SharedStateSilence.VerifyNoRaceAsync(Hold + """
                public bool Confirm(string plotId)
                {
                    lock (_sync)
                    {
                        if (!_holds.TryGetValue(plotId, out var hold)) return false;
                        lock (hold)
                        {
                            if (hold.Status != HoldStatus.Pending) return false;
                            hold.Status = HoldStatus.Confirmed;
                            return true;
                        }
                    }
                }

            """ + Sweep.Replace("{|#1:hold.Status|}", "hold.Status"));

    [Fact]
    public Task Every_member_locking_the_hold_itself_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Hold + """
                public bool Confirm(string plotId)
                {
                    PlotHold? hold;
                    lock (_sync) { _holds.TryGetValue(plotId, out hold); }
                    if (hold is null) return false;
                    lock (hold)
                    {
                        if (hold.Status != HoldStatus.Pending) return false;
                        hold.Status = HoldStatus.Confirmed;
                        return true;
                    }
                }

                private void SweepExpired()
                {
                    List<PlotHold> all;
                    lock (_sync) { all = new List<PlotHold>(_holds.Values); }
                    foreach (var hold in all)
                    {
                        lock (hold)
                        {
                            if (hold.Status == HoldStatus.Pending) hold.Status = HoldStatus.Expired;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Bid_placed_under_Monitor_on_the_lot_and_withdrawn_under_the_rooms_lock_is_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Lot
            {
                public decimal HighBid { get; set; }
                public bool Closed { get; set; }
            }

            public sealed class SaleRoom
            {
                private readonly Dictionary<int, Lot> _lots = new();
                private readonly object _roomLock = new();

                public bool PlaceBid(int number, decimal amount)
                {
                    var lot = _lots[number];
                    Monitor.Enter(lot);
                    try
                    {
                        if (lot.Closed || amount <= lot.HighBid) return false;
                        {|#1:lot.HighBid|} = amount;
                        return true;
                    }
                    finally
                    {
                        Monitor.Exit(lot);
                    }
                }

                public decimal Hammer(int number)
                {
                    var lot = _lots[number];
                    lock (lot)
                    {
                        lot.Closed = true;
                        return lot.HighBid;
                    }
                }

                public void WithdrawBid(int number)
                {
                    lock (_roomLock)
                    {
                        var lot = _lots[number];
                        if (!lot.Closed) {|#0:lot.HighBid|} = 0;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("lot.HighBid", "written", "lot", "in 'PlaceBid', 'Hammer' (a lock on the 'Lot' itself, 3 of 4 accesses)",
                    "'WithdrawBid' holds '_roomLock' instead, which those members do not take, so both change the same 'Lot' at once"));

    [Fact]
    public Task Object_the_member_creates_under_the_types_lock_is_silent()
        // A new lot is the member's own until it is added: nobody else can lock it yet.
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Lot
            {
                public decimal HighBid { get; set; }
            }

            public sealed class SaleRoom
            {
                private readonly Dictionary<int, Lot> _lots = new();
                private readonly object _roomLock = new();

                public void Open(int number, decimal start)
                {
                    lock (_roomLock)
                    {
                        var lot = new Lot();
                        lot.HighBid = start;
                        _lots.Add(number, lot);
                    }
                }

                public void Bid(int number, decimal amount)
                {
                    Lot lot;
                    lock (_roomLock) { lot = _lots[number]; }
                    lock (lot)
                    {
                        if (amount > lot.HighBid) lot.HighBid = amount;
                    }
                }
            }
            """);

    private static string Quotas(string reset, string extraMembers = "") => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;

        internal sealed class TenantBucket
        {
            public readonly object Gate = new();
            public int Used;
            public int Limit;
        }

        public sealed class TenantQuotaTracker : IDisposable
        {
            private readonly ConcurrentDictionary<string, TenantBucket> _buckets = new();
            private readonly Timer _resetTimer;

            public TenantQuotaTracker() => _resetTimer = new Timer(ResetWindow, null, 60_000, 60_000);

            public bool TryConsume(string tenantId)
            {
                var bucket = _buckets.GetOrAdd(tenantId, _ => new TenantBucket { Limit = 100 });
                lock (bucket.Gate)
                {
                    if (bucket.Used >= bucket.Limit) return false;
                    {|#1:bucket.Used|}++;
                    return true;
                }
            }

            public int Remaining(string tenantId)
            {
                if (!_buckets.TryGetValue(tenantId, out var bucket)) return 0;
                lock (bucket.Gate) return bucket.Limit - bucket.Used;
            }

            private void ResetWindow(object? state)
            {
        {{reset}}
            }
        {{extraMembers}}
            public void Dispose() => _resetTimer.Dispose();
        }
        """;

    [Fact]
    public Task Reset_by_a_timer_without_the_lock_each_bucket_carries_is_flagged()
        // Set bl R07: the window reset stores 0 while a request's 'Used++' holds the bucket's gate; one of them is lost.
        => Verify.VerifyAnalyzerAsync(
            Quotas("""
                    foreach (var bucket in _buckets.Values)
                    {
                        {|#0:bucket.Used|} = 0;
                    }
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("bucket.Used", "written", "bucket.Gate", "in 'TryConsume', 'Remaining' (3 of 4 accesses)",
                    "'ResetWindow' takes no lock, so it changes the same 'TenantBucket' while they do"));

    [Fact]
    public Task Reset_under_the_buckets_own_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Quotas("""
                    foreach (var bucket in _buckets.Values)
                    {
                        lock (bucket.Gate) bucket.Used = 0;
                    }
            """).Replace("{|#1:bucket.Used|}", "bucket.Used"));

    [Fact]
    public Task Helper_called_under_the_buckets_lock_is_silent()
        // 'Clear' writes with no lock of its own, but its one caller holds the bucket's gate around the call.
        => SharedStateSilence.VerifyNoRaceAsync(Quotas(
            """
                    foreach (var bucket in _buckets.Values)
                    {
                        lock (bucket.Gate) Clear(bucket);
                    }
            """,
            """
                private static void Clear(TenantBucket bucket)
                {
                    var same = bucket;
                    same.Used = 0;
                }
            """).Replace("{|#1:bucket.Used|}", "bucket.Used"));

    [Fact]
    public Task Bucket_the_member_creates_itself_is_silent()
        // A new bucket is the member's own until it is stored in the dictionary.
        => SharedStateSilence.VerifyNoRaceAsync(Quotas(
            """
                    foreach (var key in _buckets.Keys)
                    {
                        var bucket = new TenantBucket();
                        bucket.Used = 0;
                        _buckets[key] = bucket;
                    }
            """).Replace("{|#1:bucket.Used|}", "bucket.Used"));

    [Fact]
    public Task Object_locked_in_one_place_only_is_not_a_guard()
        // A single access under the object's lock says too little about how the object is shared.
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            internal sealed class Counter
            {
                public int Value;
            }

            public sealed class Board
            {
                private readonly List<Counter> _counters = new();

                public void Bump(int index)
                {
                    var counter = _counters[index];
                    lock (counter) counter.Value++;
                }

                public void Reset()
                {
                    foreach (var counter in _counters) counter.Value = 0;
                }
            }
            """);
}
