using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.ConcurrentDictionaryValueMutatedAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class ConcurrentDictionaryValueMutatedTests
{
    [Fact]
    public Task Collections_taken_out_of_a_concurrent_dictionary_and_changed()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class UserConnectionRegistry
            {
                private readonly ConcurrentDictionary<string, HashSet<string>> _byUser = new();
                private readonly ConcurrentDictionary<string, List<int>> _scores = new();

                public void OnConnected(string user, string connection)
                {
                    var connections = _byUser.GetOrAdd(user, _ => new HashSet<string>());
                    {|#0:connections.Add(connection)|};
                }

                public void OnDisconnected(string user, string connection)
                {
                    if (_byUser.TryGetValue(user, out var connections))
                    {
                        [|connections.Remove(connection)|];
                    }

                    HashSet<string>? known;
                    if (_byUser.TryGetValue(user + "/old", out known))
                    {
                        [|known.Clear()|];
                    }
                }

                public void Score(string user, int score)
                {
                    [|_scores.GetOrAdd(user, _ => new List<int>()).Add(score)|];
                    [|_scores[user].Clear()|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("connections.Add(connection)", "HashSet", "_byUser"));

    [Fact]
    public Task A_step_of_a_fluent_builder_fills_the_values_before_the_object_is_shared()
        // Rebus's PipelineStepInjector: 'OnSend' returns 'this' and is chained on the new injector while the bus is
        // configured; the composed pipelines only read the lists later. A method that returns anything else, or a lambda
        // in a builder step, is not a step.
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public sealed class StepInjector
            {
                private readonly ConcurrentDictionary<Type, List<string>> _before = new();

                public StepInjector OnSend(string step, Type anchor)
                {
                    if (step == null) throw new ArgumentNullException(nameof(step));
                    _before.GetOrAdd(anchor, _ => new List<string>()).Add(step);
                    return this;
                }

                public bool TryAdd(string step, Type anchor)
                {
                    [|_before.GetOrAdd(anchor, _ => new List<string>()).Add(step)|];
                    return true;
                }

                public StepInjector OnReceive(string step, Type anchor, Action<Action> later)
                {
                    later(() => [|_before.GetOrAdd(anchor, _ => new List<string>()).Add(step)|]);
                    return this;
                }

                public IReadOnlyList<string> Before(Type anchor) => _before.TryGetValue(anchor, out var steps) ? steps : Array.Empty<string>();
            }
            """);

    [Fact]
    public Task A_collection_held_by_a_value_of_a_concurrent_dictionary_is_as_shared_as_the_value()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            sealed class SeatHold
            {
                public HashSet<string> Seats { get; } = new();
                public List<string> Log = new();
                public ConcurrentBag<string> Notes { get; } = new();
            }

            sealed class SeatHoldStore
            {
                private readonly ConcurrentDictionary<string, SeatHold> _holds = new();

                public void Hold(string session, string seat)
                {
                    var hold = _holds.GetOrAdd(session, _ => new SeatHold());
                    {|#0:hold.Seats.Add(seat)|};
                    [|hold.Log.Add(seat)|];
                    hold.Notes.Add(seat);
                }

                public void Release(string session, string seat)
                {
                    if (_holds.TryGetValue(session, out var hold))
                    {
                        [|hold.Seats.Remove(seat)|];
                        lock (hold)
                        {
                            hold.Log.Remove(seat);
                        }
                    }
                }

                public void Expire(string session)
                {
                    if (_holds.TryRemove(session, out var hold))
                    {
                        hold.Seats.Clear();
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("hold.Seats.Add(seat)", "HashSet", "_holds"));

    [Fact]
    public Task Locked_changes_removed_values_reads_and_other_sources_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;

            class UserConnectionRegistry
            {
                private readonly ConcurrentDictionary<string, HashSet<string>> _byUser = new();
                private readonly Dictionary<string, HashSet<string>> _plain = new();
                private readonly HashSet<string> _all = new();

                public void OnConnected(string user, string connection)
                {
                    var connections = _byUser.GetOrAdd(user, _ => new HashSet<string>());
                    lock (connections)
                    {
                        connections.Add(connection);
                    }

                    var fresh = new HashSet<string>();
                    fresh.Add(connection);
                    _byUser.TryAdd(user + "/copy", fresh);
                    _plain[user].Add(connection);
                    _all.Add(connection);
                }

                public string[] Drop(string user)
                {
                    if (_byUser.TryRemove(user, out var removed))
                    {
                        removed.Add("closed");
                        return removed.ToArray();
                    }

                    return _byUser.TryGetValue(user, out var current) ? current.ToArray() : new string[0];
                }
            }
            """);

    [Fact]
    public Task Field_of_an_object_taken_out_updated_in_place()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            public sealed class Bucket { public int Tokens = 10; public DateTime Last; }
            public sealed class Entry { public long Hits { get; set; } }

            public sealed class Limiter
            {
                private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
                private readonly ConcurrentDictionary<string, Entry> _entries = new();

                public bool TryTake(string key)
                {
                    var bucket = _buckets.GetOrAdd(key, _ => new Bucket());
                    if (bucket.Tokens <= 0) return false;
                    {|#0:bucket.Tokens--|};
                    bucket.Last = DateTime.UtcNow;
                    return true;
                }

                public void Hit(string key)
                {
                    if (_entries.TryGetValue(key, out var entry))
                    {
                        {|#1:entry.Hits += 1|};
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("bucket.Tokens--", "Bucket", "_buckets"),
            Verify.Diagnostic().WithLocation(1).WithArguments("entry.Hits += 1", "Entry", "_entries"));

    /// <summary>
    /// Blind set ab, R12: <c>AddOrUpdate</c> hands its update factory the value in the dictionary and runs it outside its
    /// locks, so two posts for one key update the same object at once. A factory that returns a new value, or updates
    /// under a lock on the value, is silent; so is the second parameter of an add factory with an argument.
    /// </summary>
    [Fact]
    public Task Field_of_an_object_taken_out_through_a_helper_of_the_type_updated_in_place()
        // Set al R02: a session store's own 'GetOrStart' returns '_sessions.GetOrAdd(…)'; the count is updated after
        // the session's lock, so two pours for one session lose one. A helper that returns something else is not followed.
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public sealed class Session
            {
                public object Sync { get; } = new();
                public List<string> Blends { get; } = new();
                public int Cups { get; set; }
            }

            public sealed class SessionStore
            {
                private readonly ConcurrentDictionary<string, Session> _sessions = new();
                private readonly Dictionary<string, Session> _archived = new();

                public Session GetOrStart(string id) => _sessions.GetOrAdd(id, _ => new Session());

                private Session Find(string id)
                {
                    return _sessions[id];
                }

                private Session Archived(string id) => _archived[id];

                public void RecordPour(string id, string blend)
                {
                    var session = GetOrStart(id);
                    lock (session.Sync)
                    {
                        session.Blends.Add(blend);
                    }

                    {|#0:session.Cups++|};
                }

                public void Refill(string id)
                {
                    {|#1:Find(id).Cups += 2|};
                    var old = Archived(id);
                    old.Cups++;
                    var locked = GetOrStart(id);
                    lock (locked.Sync)
                    {
                        locked.Cups++;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("session.Cups++", "Session", "_sessions"),
            Verify.Diagnostic().WithLocation(1).WithArguments("Find(id).Cups += 2", "Session", "_sessions"));

    [Fact]
    public Task Value_updated_in_place_by_the_update_factory_of_AddOrUpdate()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Progress { public double Hours { get; set; } }

            public sealed class Tracker
            {
                private readonly ConcurrentDictionary<string, Progress> _ranks = new();
                private readonly ConcurrentDictionary<string, double> _totals = new();

                public void Log(string key, double hours)
                {
                    _ranks.AddOrUpdate(
                        key,
                        _ => new Progress { Hours = hours },
                        (_, existing) =>
                        {
                            {|#0:existing.Hours += hours|};
                            return existing;
                        });

                    _ranks.AddOrUpdate(key, _ => new Progress(), (_, old) => new Progress { Hours = old.Hours + hours });
                    _ranks.AddOrUpdate(key, _ => new Progress(), (_, old) => { lock (old) { old.Hours += hours; } return old; });
                    _ranks.AddOrUpdate(key, (_, seed) => { seed.Hours += 1; return seed; }, (_, old, seed) => seed, new Progress());
                    _totals.AddOrUpdate(key, hours, (_, total) => total + hours);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("existing.Hours += hours", "Progress", "_ranks"));

    [Fact]
    public Task Field_of_a_value_updated_under_its_lock_atomically_or_on_a_copy()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Bucket { public int Tokens = 10; }
            public struct Counter { public int Hits; }

            public sealed class Limiter
            {
                private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
                private readonly ConcurrentDictionary<string, Counter> _counters = new();

                public void Take(string key)
                {
                    var bucket = _buckets.GetOrAdd(key, _ => new Bucket());
                    lock (bucket) { bucket.Tokens--; }
                    Interlocked.Decrement(ref _buckets[key].Tokens);

                    var counter = _counters.GetOrAdd(key, _ => default);
                    counter.Hits++;

                    var fresh = new Bucket();
                    fresh.Tokens--;
                }
            }
            """);
    [Fact]
    public Task Field_of_a_value_updated_in_the_private_helper_it_is_passed_to()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Cache
            {
                private sealed class Entry { public int Hits; public string Value = ""; }

                private readonly ConcurrentDictionary<string, Entry> _entries = new();

                public string? TryGet(string key)
                {
                    if (_entries.TryGetValue(key, out var entry))
                    {
                        {|#1:MarkUsed(entry)|};
                        return entry.Value;
                    }

                    return null;
                }

                private static void MarkUsed(Entry entry)
                {
                    {|#0:entry.Hits++|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("entry.Hits++", "Entry", "_entries"));

    [Fact]
    public Task Helper_called_under_a_lock_or_with_an_object_of_its_own_is_quiet()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Cache
            {
                internal sealed class Entry { public int Hits; }

                private readonly ConcurrentDictionary<string, Entry> _entries = new();

                public void Touch(string key)
                {
                    if (_entries.TryGetValue(key, out var entry))
                    {
                        lock (entry) { MarkUsed(entry); }
                    }

                    var fresh = new Entry();
                    MarkUsed(fresh);
                    _entries.TryAdd(key, fresh);
                }

                internal static void Count(Entry entry) => entry.Hits++;

                private static void MarkUsed(Entry entry)
                {
                    entry.Hits++;
                }
            }
            """);

    /// <summary>
    /// Blind set o, R03: a bed board keeps its beds in a concurrent dictionary; admitting checks a bed's status and then
    /// sets it, so two admissions can both find the same bed free. Also through <c>TryGetValue</c>.
    /// </summary>
    [Fact]
    public Task Member_of_a_value_checked_and_then_set_without_a_lock()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Linq;

            public enum Status { Free, Occupied, Cleaning }

            public sealed class Bed { public string Id = ""; public Status Status { get; set; } }

            public sealed class Board
            {
                private readonly ConcurrentDictionary<string, Bed> _beds = new();

                public string? Admit()
                {
                    foreach (var bed in _beds.Values.OrderBy(b => b.Id))
                    {
                        if (bed.Status != Status.Free)
                        {
                            continue;
                        }

                        {|#0:bed.Status = Status.Occupied|};
                        return bed.Id;
                    }

                    return null;
                }

                public bool MarkCleaned(string id)
                {
                    if (_beds.TryGetValue(id, out var bed) && bed.Status == Status.Cleaning)
                    {
                        {|#1:bed.Status = Status.Free|};
                        return true;
                    }

                    return false;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(16, 17).WithArguments("bed.Status = Status.Occupied", "Bed", "_beds"),
            Verify.Diagnostic().WithLocation(1).WithLocation(30, 13).WithArguments("bed.Status = Status.Free", "Bed", "_beds"));

    /// <summary>
    /// Set s R06: the member is copied into a local, the local checked, and the member set from it; two bookings for
    /// one hut night both pass the capacity check. A local copied from another object's member decides nothing.
    /// </summary>
    [Fact]
    public Task Member_of_a_value_copied_into_a_local_checked_and_then_set()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class HutNight { public int Capacity { get; init; } public int BedsTaken { get; set; } }

            public sealed class Inventory
            {
                private readonly ConcurrentDictionary<string, HutNight> _nights = new();
                private readonly HutNight _template = new() { Capacity = 10 };

                public bool TryReserve(string key, int beds)
                {
                    var entry = _nights.GetOrAdd(key, _ => new HutNight { Capacity = 20 });
                    int taken = entry.BedsTaken;
                    if (taken + beds > entry.Capacity)
                    {
                        return false;
                    }

                    {|#0:entry.BedsTaken = taken + beds|};
                    return true;
                }

                public bool Preview(string key, int beds)
                {
                    var entry = _nights.GetOrAdd(key, _ => new HutNight { Capacity = 20 });
                    var planned = _template.BedsTaken;
                    if (planned + beds > entry.Capacity)
                    {
                        return false;
                    }

                    entry.BedsTaken = beds;
                    return true;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(14, 13).WithArguments("entry.BedsTaken = taken + beds", "HutNight", "_nights"));

    [Fact]
    public Task Member_of_a_value_checked_and_set_under_its_lock_or_set_without_a_check_is_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public enum Status { Free, Occupied }

            public sealed class Bed { public Status Status { get; set; } public string? Patient { get; set; } }

            public sealed class Board
            {
                private readonly ConcurrentDictionary<string, Bed> _beds = new();

                public bool Admit(string id, string patient)
                {
                    if (!_beds.TryGetValue(id, out var bed))
                    {
                        return false;
                    }

                    lock (bed)
                    {
                        if (bed.Status != Status.Free)
                        {
                            return false;
                        }

                        bed.Status = Status.Occupied;
                    }

                    return true;
                }

                public void Note(string id, string patient)
                {
                    if (_beds.TryGetValue(id, out var bed))
                    {
                        bed.Patient = patient;
                    }
                }
            }
            """);

    /// <summary>
    /// Set ar R12: a polling service stores a ship's position field by field into the object the dictionary holds,
    /// while a request reads the fields together from the same dictionary: it can pair a new latitude with an old
    /// longitude.
    /// </summary>
    [Fact]
    public Task Members_stored_one_by_one_while_another_member_reads_them_together()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            public sealed class ShipTrack
            {
                public double Latitude;
                public double Longitude;
            }

            public sealed class FleetPositionStore
            {
                private readonly ConcurrentDictionary<string, ShipTrack> _tracks = new();

                public void Apply(string callsign, double latitude, double longitude)
                {
                    var track = _tracks.GetOrAdd(callsign, _ => new ShipTrack());
                    track.Latitude = latitude;
                    {|#0:track.Longitude = longitude|};
                }

                public (double, double)? Get(string callsign)
                {
                    if (!_tracks.TryGetValue(callsign, out var track)) return null;
                    {|#1:return (track.Latitude, track.Longitude);|}
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("track.Longitude = longitude", "ShipTrack", "_tracks"));

    [Fact]
    public Task Members_stored_under_a_lock_or_never_read_together_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            public sealed class ShipTrack
            {
                public double Latitude;
                public double Longitude;
                public DateTime Seen;
            }

            public sealed class LockedStore
            {
                private readonly ConcurrentDictionary<string, ShipTrack> _tracks = new();

                public void Apply(string callsign, double latitude, double longitude)
                {
                    var track = _tracks.GetOrAdd(callsign, _ => new ShipTrack());
                    lock (track)
                    {
                        track.Latitude = latitude;
                        track.Longitude = longitude;
                    }
                }

                public (double, double)? Get(string callsign)
                {
                    if (!_tracks.TryGetValue(callsign, out var track)) return null;
                    lock (track) return (track.Latitude, track.Longitude);
                }
            }

            public sealed class SeparateReads
            {
                private readonly ConcurrentDictionary<string, ShipTrack> _tracks = new();

                public void Apply(string callsign, double latitude, DateTime seen)
                {
                    var track = _tracks.GetOrAdd(callsign, _ => new ShipTrack());
                    track.Latitude = latitude;
                    track.Seen = seen;
                }

                public double? Latitude(string callsign) => _tracks.TryGetValue(callsign, out var track) ? track.Latitude : null;

                public DateTime? Seen(string callsign) => _tracks.TryGetValue(callsign, out var track) ? track.Seen : null;
            }
            """);
    // CSRedis' async pipeline: the local that 'TryGetValue' filled is given a new object of the method's own before
    // the change, so the change is made on that object, not on one taken from the dictionary. (Other threads that take
    // it out later and change it are reported where they change it.)
    private const string Pipes = """
        using System.Collections.Concurrent;
        using System.Threading;

        public sealed class Pipes
        {
            public sealed class Pipe { public bool Single; public int Uses; }

            private readonly ConcurrentDictionary<string, Pipe> _pipes = new();

            public Pipe Get(string key)
            {
                if (_pipes.TryGetValue(key, out var pipe) && !pipe.Single)
                {
                    Interlocked.Increment(ref pipe.Uses);
                    TAKEN
                    return pipe;
                }

                pipe = new Pipe();
                AFTER
                if (_pipes.TryAdd(key, pipe))
                {
                    new Thread(() => { {|#0:pipe.Single = true|}; }).Start();
                }

                return pipe;
            }
        }
        """;

    [Fact]
    public Task A_change_of_the_object_the_method_created_after_taking_one_out_is_quiet()
        => Verify.VerifyAnalyzerAsync(Pipes.Replace("{|#0:", string.Empty).Replace("|}", string.Empty).Replace("TAKEN", string.Empty).Replace("AFTER", string.Empty));

    [Fact]
    public Task A_change_of_the_object_taken_out_is_reported_beside_one_of_the_methods_own()
        => Verify.VerifyAnalyzerAsync(
            Pipes.Replace("{|#0:", string.Empty).Replace("|}", string.Empty).Replace("TAKEN", "{|#0:pipe.Single = false|};").Replace("AFTER", string.Empty),
            Verify.Diagnostic().WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("pipe.Single = false", "Pipe", "_pipes"));

    [Fact]
    public Task A_local_taken_out_again_after_the_new_object_is_reported()
        => Verify.VerifyAnalyzerAsync(
            Pipes.Replace("TAKEN", string.Empty).Replace("AFTER", "_pipes.TryGetValue(key, out pipe);"),
            Verify.Diagnostic().WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("pipe.Single = true", "Pipe", "_pipes"));
}
