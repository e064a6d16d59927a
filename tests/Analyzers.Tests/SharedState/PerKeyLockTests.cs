using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A lock looked up by a key (a semaphore per sheet from a <c>ConcurrentDictionary.GetOrAdd</c>) excludes only the callers
/// with the same key: state every key shares is not guarded by it (set ag R04: per-sheet gates around one dictionary of
/// recent sheets in a singleton).
/// </summary>
public class PerKeyLockTests
{
    private static string Catalog(string lookup, string extra = "") => $$"""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>Registered as a singleton; requests arrive concurrently.</summary>
        public sealed class SheetCatalog
        {
            private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
            private readonly Dictionary<string, int> _recent = new();
            private readonly object _sync = new();

            private SemaphoreSlim GateFor(string id) => _gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

            public async Task AnnotateAsync(string id, int revision)
            {
                var gate = {{lookup}};
                await gate.WaitAsync();
                try
                {
                    await Task.Yield();
                    {{extra}}
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """;

    private const string Message =
        "'AnnotateAsync' may run on several threads at once: 'SheetCatalog' is documented as shared (\"registered as a singleton\"); the lock it holds, 'gate', is looked up per key, so callers with other keys hold other locks";

    [Theory]
    [InlineData("GateFor(id)")]
    [InlineData("_gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1))")]
    public Task Shared_dictionary_changed_under_a_lock_looked_up_per_key_is_flagged(string lookup)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Catalog(lookup, "{|#0:_recent[id] = revision|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_recent", "Dictionary<string, int>", "AnnotateAsync", Message));

    [Fact]
    public Task Shared_dictionary_changed_under_the_type_own_lock_inside_the_per_key_one_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Catalog("GateFor(id)", "lock (_sync) { _recent[id] = revision; }"));

    /// <summary>
    /// Set av R01: the lock object comes straight from a helper that looks it up by key (<c>lock (LockFor(species))</c>),
    /// and a vault-wide total is kept under it beside each species' own count.
    /// </summary>
    private static string Vault(string total) => $$"""
        using System.Collections.Concurrent;

        /// <summary>Registered as a singleton: the intake desk and the lab call it concurrently.</summary>
        public sealed class {|#1:SeedVault|}
        {
            private readonly ConcurrentDictionary<string, object> _locks = new();
            private readonly ConcurrentDictionary<string, int[]> _packets = new();
            private readonly object _sync = new();
            private long _total;

            private object LockFor(string species) => _locks.GetOrAdd(species, _ => new object());

            public void Deposit(string species, int packets)
            {
                var count = _packets.GetOrAdd(species, _ => new int[1]);
                lock (LockFor(species))
                {
                    count[0] += packets;
                    {{total}}
                }
            }
        }
        """;

    [Fact]
    public Task A_total_every_key_shares_kept_under_a_lock_a_helper_looks_up_per_key_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Vault("{|#0:_total += packets|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_total", "Deposit", "'Deposit' may run on several threads at once: 'SeedVault' is documented as shared (\"registered as a singleton\"); the lock it holds, 'LockFor()', is looked up per key, so callers with other keys hold other locks"));

    [Fact]
    public Task A_total_kept_under_the_type_own_lock_inside_the_per_key_one_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Vault("lock (_sync) { _total += packets; }").Replace("{|#1:SeedVault|}", "SeedVault"));

    // Set aj R12: the lock is a member of an object looked up by key (an instructor's 'Gate'), by an indexer or by
    // TryGetValue; the list of every lesson is shared by all instructors.
    private static string Diary(string cancelLock) => $$"""
        using System.Collections.Generic;

        public sealed record Lesson(string Instructor, string Student);

        public sealed class Instructor
        {
            public object Gate { get; } = new();
            public List<Lesson> Lessons { get; } = new();
        }

        /// <summary>Lesson diary, shared by every request of the booking site.</summary>
        public sealed class {|#1:LessonDiary|}
        {
            private readonly Dictionary<string, Instructor> _instructors = new();
            private readonly List<Lesson> _allLessons = new();
            private readonly object _sync = new();

            public void Book(string name, Lesson lesson)
            {
                var instructor = _instructors[name];
                lock (instructor.Gate)
                {
                    instructor.Lessons.Add(lesson);
                    {|#0:_allLessons.Add(lesson)|};
                }
            }

            public bool Cancel(string name, Lesson lesson)
            {
                if (!_instructors.TryGetValue(name, out var instructor)) return false;
                {{cancelLock}}
                {
                    instructor.Lessons.Remove(lesson);
                    return _allLessons.Remove(lesson);
                }
            }
        }
        """;

    [Fact]
    public Task A_lock_held_by_an_object_looked_up_per_key_guards_nothing_every_key_shares()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Diary("lock (instructor.Gate)").Replace("return _allLessons.Remove(lesson);", "return {|#2:_allLessons.Remove(lesson)|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_allLessons", "List<Lesson>", "Book", "'Book' may run on several threads at once: 'LessonDiary' is documented as shared (\"shared by\"); the lock it holds, 'Gate', is looked up per key, so callers with other keys hold other locks"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "_allLessons", "List<Lesson>", "Cancel", "'Cancel' may run on several threads at once: 'LessonDiary' is documented as shared (\"shared by\"); the lock it holds, 'Gate', is looked up per key, so callers with other keys hold other locks"));

    /// <summary>
    /// Set aj R12 as written: the diary's documentation names no concurrent callers, but its members take a lock to
    /// change the list of every lesson, so its author expects callers at once, and the lock is one per instructor.
    /// </summary>
    [Fact]
    public Task A_per_key_lock_makes_an_undocumented_type_concurrent_and_guards_nothing_every_key_shares()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Diary("lock (instructor.Gate)")
                .Replace("/// <summary>Lesson diary, shared by every request of the booking site.</summary>", "/// <summary>Lesson diary of the school.</summary>")
                .Replace("return _allLessons.Remove(lesson);", "return {|#2:_allLessons.Remove(lesson)|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_allLessons", "List<Lesson>", "Book", "'Book' may run on several threads at once: 'LessonDiary' synchronizes its own state ('Book' locks the 'Gate' of each Instructor it looks up); the lock it holds, 'Gate', is looked up per key, so callers with other keys hold other locks"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "_allLessons", "List<Lesson>", "Cancel", "'Cancel' may run on several threads at once: 'LessonDiary' synchronizes its own state ('Book' locks the 'Gate' of each Instructor it looks up); the lock it holds, 'Gate', is looked up per key, so callers with other keys hold other locks"));

    [Fact]
    public Task A_member_lock_also_taken_from_an_object_not_looked_up_by_key_is_a_lock()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Diary("var any = _first; lock (any.Gate)")
                .Replace("private readonly object _sync = new();", "private readonly Instructor _first = new();")
                .Replace("{|#0:", string.Empty).Replace("(lesson)|};", "(lesson);").Replace("{|#1:LessonDiary|}", "LessonDiary"));
}
