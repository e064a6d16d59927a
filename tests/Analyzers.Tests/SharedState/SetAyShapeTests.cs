using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// What set ay (session 56) taught: a reader-writer lock's modes end separately, a LINQ lambda runs under the locks
/// around its call, a method that waits for the work it starts is called at once like any other, an object looked up
/// by key with <c>TryGetValue</c> is a per-key lock, and "on its own thread" names concurrency.
/// </summary>
public class SetAyShapeTests
{
    /// <summary>Set ay C16: an <c>ExitWriteLock</c> inside an upgradeable read lock ends the write lock only.</summary>
    [Fact]
    public Task Read_after_a_nested_write_lock_still_holds_the_upgradeable_read_lock()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            /// <summary>Registered as a singleton used by every bench.</summary>
            public sealed class RecipeBook
            {
                private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim();
                private readonly Dictionary<string, int> _recipes = new Dictionary<string, int>();
                private readonly Dictionary<string, string> _spellings = new Dictionary<string, string>();

                public int Lookup(string spelling)
                {
                    _lock.EnterUpgradeableReadLock();
                    try
                    {
                        if (!_spellings.TryGetValue(spelling, out var species))
                        {
                            species = spelling.Trim();
                            _lock.EnterWriteLock();
                            try
                            {
                                _spellings[spelling] = species;
                            }
                            finally
                            {
                                _lock.ExitWriteLock();
                            }
                        }

                        return _recipes.TryGetValue(species, out var recipe) ? recipe : 0;
                    }
                    finally
                    {
                        _lock.ExitUpgradeableReadLock();
                    }
                }

                public void Save(string species, int recipe)
                {
                    _lock.EnterWriteLock();
                    try
                    {
                        _recipes[species] = recipe;
                    }
                    finally
                    {
                        _lock.ExitWriteLock();
                    }
                }
            }
            """);

    private static string Bookings(string lookup) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class TandemBookings
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly Dictionary<string, string> _bookings = new Dictionary<string, string>();
            private readonly List<string> _pilots = new List<string> { "Ana", "Bo" };

            public async Task<string?> BookAsync(string passenger)
            {
                await _gate.WaitAsync();
                try
                {
                    var free = {{lookup}};
                    if (free is null) return null;
                    await Task.Delay(1);
                    _bookings.Add(free, passenger);
                    return free;
                }
                finally
                {
                    _gate.Release();
                }
            }

            public static Task<string?[]> BookGroupAsync(TandemBookings service, IEnumerable<string> passengers)
                => Task.WhenAll(passengers.Select(p => service.BookAsync(p)));
        }
        """;

    /// <summary>Set ay C22: <c>FirstOrDefault</c> runs its lambda before it returns, inside the semaphore's region.</summary>
    [Fact]
    public Task LINQ_lambda_inside_a_semaphore_region_runs_under_it()
        => SharedStateSilence.VerifyNoRaceAsync(Bookings("_pilots.FirstOrDefault(p => !_bookings.ContainsKey(p))"));

    [Fact]
    public Task Lazy_LINQ_lambda_enumerated_in_the_same_expression_runs_under_it_too()
        => SharedStateSilence.VerifyNoRaceAsync(Bookings("_pilots.Where(p => !_bookings.ContainsKey(p)).OrderBy(p => p).FirstOrDefault()"));

    /// <summary>Set ay R05: a broadcast copies its members without the lock, then waits for the sends it starts.</summary>
    [Fact]
    public Task Read_before_work_the_method_waits_for_is_a_callers_read()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public interface IHandset
            {
                Task SendAsync(string message);
            }

            public sealed class {|#1:MarshalChannel|}
            {
                private readonly List<IHandset> _members = new List<IHandset>();
                private readonly object _membersLock = new object();

                public void Join(IHandset handset)
                {
                    lock (_membersLock)
                    {
                        _members.Add(handset);
                    }
                }

                public void Leave(IHandset handset)
                {
                    lock (_membersLock)
                    {
                        _members.Remove(handset);
                    }
                }

                public async Task BroadcastAsync(string message)
                {
                    var recipients = {|#0:_members.ToArray()|};
                    await Task.WhenAll(recipients.Select(async handset => await handset.SendAsync(message)));
                }
            }
            """,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_members", "read", "_membersLock", "in 'Join' (2 of 3 accesses)",
                    "'BroadcastAsync' may run on several threads at once: 'MarshalChannel' synchronizes its own state ('Join' locks '_membersLock')"));

    /// <summary>Set ay R02: each lot is its own lock; a total every lot shares is kept under it.</summary>
    [Fact]
    public Task Total_kept_under_the_lock_of_an_object_found_with_TryGetValue_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Lot
            {
                public decimal HighestBid { get; set; }
            }

            /// <summary>One instance serves the whole sale; every broker connection calls PlaceBid on its own thread.</summary>
            public sealed class {|#1:AuctionFloor|}
            {
                private readonly ConcurrentDictionary<int, Lot> _lots = new ConcurrentDictionary<int, Lot>();
                private decimal _committedTotal;

                public bool PlaceBid(int lotId, decimal amount)
                {
                    if (!_lots.TryGetValue(lotId, out var lot)) return false;

                    lock (lot)
                    {
                        if (amount <= lot.HighestBid) return false;
                        {|#0:_committedTotal += amount - lot.HighestBid|};
                        lot.HighestBid = amount;
                        return true;
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_committedTotal", "PlaceBid",
                "'PlaceBid' may run on several threads at once: 'AuctionFloor' is documented as shared (\"one instance\"); the lock it holds, 'lot', is looked up per key, so callers with other keys hold other locks"));
}
