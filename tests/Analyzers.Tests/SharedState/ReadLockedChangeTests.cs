using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A change made while holding only the read side of a reader-writer lock that the type takes for writing elsewhere
/// (set q R10: a climate store whose <c>Record</c> adds a gallery under <c>EnterReadLock</c> while curators query under
/// the same read lock). Readers hold a read lock at the same time, so the change races with them.
/// </summary>
public class ReadLockedChangeTests
{
    [Fact]
    public Task Dictionary_changed_under_the_read_lock_of_a_lock_taken_for_writing_elsewhere()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class ClimateStore
            {
                private readonly ReaderWriterLockSlim _lock = new();
                private readonly Dictionary<string, double> _latest = new();

                public void Record(string gallery, double value)
                {
                    _lock.EnterReadLock();
                    try
                    {
                        {|#0:_latest[gallery] = value|};
                    }
                    finally
                    {
                        _lock.ExitReadLock();
                    }
                }

                public bool TryGet(string gallery, out double value)
                {
                    _lock.EnterReadLock();
                    try { return _latest.TryGetValue(gallery, out value); }
                    finally { _lock.ExitReadLock(); }
                }

                public void Clear()
                {
                    _lock.EnterWriteLock();
                    try { _latest.Clear(); }
                    finally { _lock.ExitWriteLock(); }
                }
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 4, 21)
                .WithArguments("_latest", "Dictionary<string, double>", "Record",
                    "'Record' may run on several threads at once: 'ClimateStore' synchronizes its own state ('Record' locks '_lock'); it holds only the read lock of '_lock' here, which other readers hold at the same time, while 'Clear' takes it for writing"));

    private static string Ledger(string record) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public struct Totals
        {
            public double Energy;
            public long Samples;
        }

        public sealed class Ledger
        {
            private readonly ReaderWriterLockSlim _lock = new();
            private readonly Dictionary<string, int> _index = new();
            private Totals[] _totals = Array.Empty<Totals>();

            public void Register(string id)
            {
                _lock.EnterWriteLock();
                try
                {
                    _index[id] = _totals.Length;
                    Array.Resize(ref _totals, _totals.Length + 1);
                }
                finally { _lock.ExitWriteLock(); }
            }

            public void Record(string id, double energy)
            {
        {{record}}
            }

            public double Total()
            {
                _lock.EnterReadLock();
                try
                {
                    var sum = 0.0;
                    foreach (var t in _totals) sum += t.Energy;
                    return sum;
                }
                finally { _lock.ExitReadLock(); }
            }
        }
        """;

    [Fact]
    public Task Struct_element_of_an_array_changed_under_the_read_lock()
        // Set al R14: 'ref var acc = ref _totals[i]; acc.Energy += e;' under EnterReadLock, from many ingestion workers.
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Ledger("""
                    _lock.EnterReadLock();
                    try
                    {
                        if (!_index.TryGetValue(id, out var i)) return;
                        ref var acc = ref _totals[i];
                        {|#0:acc.Energy += energy|};
                        {|#1:_totals[i].Samples++|};
                    }
                    finally { _lock.ExitReadLock(); }
            """),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 11, 21).WithArguments("_totals", "Record", ReadLocked),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 11, 21).WithArguments("_totals", "Record", ReadLocked));

    private const string ReadLocked = "'Record' may run on several threads at once: 'Ledger' synchronizes its own state ('Register' locks '_lock'); it holds only the read lock of '_lock' here, which other readers hold at the same time, while 'Register' takes it for writing";

    [Fact]
    public Task Struct_element_of_an_array_changed_under_the_write_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Ledger("""
                    _lock.EnterWriteLock();
                    try
                    {
                        if (!_index.TryGetValue(id, out var i)) return;
                        ref var acc = ref _totals[i];
                        acc.Energy += energy;
                        _totals[i].Samples++;
                    }
                    finally { _lock.ExitWriteLock(); }
            """));

    [Fact]
    public Task Changes_under_the_write_lock_or_of_a_concurrent_collection_under_the_read_lock_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;

            public sealed class ClimateStore
            {
                private readonly ReaderWriterLockSlim _lock = new();
                private readonly Dictionary<string, double> _latest = new();
                private readonly ConcurrentDictionary<string, int> _counts = new();

                public void Record(string gallery, double value)
                {
                    _lock.EnterUpgradeableReadLock();
                    try
                    {
                        if (_latest.TryGetValue(gallery, out var old) && old == value) return;
                        _lock.EnterWriteLock();
                        try { _latest[gallery] = value; }
                        finally { _lock.ExitWriteLock(); }
                    }
                    finally
                    {
                        _lock.ExitUpgradeableReadLock();
                    }
                }

                public void Count(string gallery)
                {
                    _lock.EnterReadLock();
                    try { _counts.AddOrUpdate(gallery, 1, (_, n) => n + 1); }
                    finally { _lock.ExitReadLock(); }
                }

                public bool TryGet(string gallery, out double value)
                {
                    _lock.EnterReadLock();
                    try { return _latest.TryGetValue(gallery, out value); }
                    finally { _lock.ExitReadLock(); }
                }

                public void Clear()
                {
                    _lock.EnterWriteLock();
                    try { _latest.Clear(); _counts.Clear(); }
                    finally { _lock.ExitWriteLock(); }
                }
            }
            """);

    /// <summary>
    /// Set s R16: a note added to a ticket's list under the read lock, while the status is set under the write lock and
    /// the notes are copied under the read lock: two hub calls add at once, or one adds while another copies.
    /// </summary>
    [Fact]
    public Task Collection_of_a_held_object_changed_under_the_read_lock()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;

            public sealed class Ticket
            {
                public int Status { get; set; }
                public List<string> Notes { get; } = new();
            }

            public sealed class TicketBoard
            {
                private readonly ReaderWriterLockSlim _lock = new();
                private readonly Dictionary<int, Ticket> _tickets = new();

                public void SetStatus(int id, int status)
                {
                    _lock.EnterWriteLock();
                    try { if (_tickets.TryGetValue(id, out var ticket)) ticket.Status = status; }
                    finally { _lock.ExitWriteLock(); }
                }

                public void AddNote(int id, string note)
                {
                    _lock.EnterReadLock();
                    try { if (_tickets.TryGetValue(id, out var ticket)) {|#0:ticket.Notes.Add(note)|}; }
                    finally { _lock.ExitReadLock(); }
                }

                public string[] Notes(int id)
                {
                    _lock.EnterReadLock();
                    try { return _tickets.TryGetValue(id, out var ticket) ? ticket.Notes.ToArray() : new string[0]; }
                    finally { _lock.ExitReadLock(); }
                }
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 11, 21)
                .WithArguments("_tickets[…]", "value of Dictionary<int, Ticket>", "AddNote",
                    "'AddNote' may run on several threads at once: 'TicketBoard' synchronizes its own state ('SetStatus' locks '_lock'); it holds only the read lock of '_lock' here, which other readers hold at the same time, while 'SetStatus' takes it for writing"));
    /// <summary>
    /// Set v, R08: two scanner calls for the same wheel both hold only the read lock and increment the wheel's turns,
    /// losing one; nothing else writes a wheel under the write lock, which guards only the dictionary.
    /// </summary>
    [Fact]
    public Task Held_object_incremented_under_the_read_lock()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Racks("{|#0:wheel.Turns++|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 10, 21)
                .WithArguments("_wheels[…]", "value of Dictionary<string, Wheel>", "RecordTurn",
                    "'RecordTurn' may run on several threads at once: 'Racks' synchronizes its own state ('Shelve' locks '_lock'); it holds only the read lock of '_lock' here, which other readers hold at the same time"));

    /// <summary>A plain store of the same value by every caller (<c>wheel.Seen = true</c>) loses nothing between readers.</summary>
    [Fact]
    public Task Held_object_stored_plainly_under_the_read_lock_with_no_other_use_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Racks("wheel.Seen = true;"));

    private static string Racks(string change) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Wheel
        {
            public int Turns { get; set; }
            public bool Seen { get; set; }
        }

        public sealed class Racks
        {
            private readonly ReaderWriterLockSlim _lock = new();
            private readonly Dictionary<string, Wheel> _wheels = new();

            public void Shelve(string id, Wheel wheel)
            {
                _lock.EnterWriteLock();
                try { _wheels[id] = wheel; }
                finally { _lock.ExitWriteLock(); }
            }

            public bool RecordTurn(string id)
            {
                _lock.EnterReadLock();
                try
                {
                    if (!_wheels.TryGetValue(id, out var wheel)) return false;
                    {{change}}
                    return true;
                }
                finally { _lock.ExitReadLock(); }
            }
        }
        """;
}
