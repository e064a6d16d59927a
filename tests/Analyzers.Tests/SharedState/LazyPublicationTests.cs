using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A lazily created object is an idempotent publication only if it is not changed after it is published (#9): two
/// threads that each create a registry and then register into it lose the registrations made on the losing copy.
/// </summary>
public class LazyPublicationTests
{
    [Fact]
    public Task Lazy_singleton_registry_filled_after_publication()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            sealed class Registry
            {
                private static Registry? s_instance;
                private readonly ConcurrentDictionary<string, int> _items = new ConcurrentDictionary<string, int>();

                public static Registry Instance => [|s_instance ??= new Registry()|];

                public void Register(string name) => _items[name] = 1;

                public static void LoadAll(string[] names) => Parallel.ForEach(names, n => Instance.Register(n));
            }
            """);

    [Fact]
    public Task Lazy_lookup_table_filled_only_by_its_constructor_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class Codes
            {
                private static Codes? s_instance;
                private readonly Dictionary<string, int> _byName = new Dictionary<string, int>();

                private Codes() { _byName.Add("ok", 200); _byName["missing"] = 404; }

                public static Codes Instance { get { if (s_instance == null) s_instance = new Codes(); return s_instance; } }

                public int Find(string name) => _byName.TryGetValue(name, out var code) ? code : 0;

                public static void Resolve(string[] names, int[] codes) => Parallel.For(0, names.Length, i => codes[i] = Instance.Find(names[i]));
            }
            """);

    [Fact]
    public Task Record_stored_when_better_than_a_copy_of_the_field_is_a_lost_update()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            sealed record Photo(string Path, double Sharpness);

            sealed class Picker
            {
                private Photo? _best;

                public Photo? Pick(IReadOnlyCollection<Photo> photos)
                {
                    _best = null;
                    photos.AsParallel().ForAll(photo =>
                    {
                        var current = _best;
                        if (current is null || photo.Sharpness > current.Sharpness)
                        {
                            [|_best = photo|];
                        }
                    });
                    return _best;
                }
            }
            """);

    [Fact]
    public Task Record_filled_only_when_a_copy_of_the_field_is_null_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Linq;

            sealed record Settings(string Name);

            sealed class Reader
            {
                private Settings? _settings;

                public void ReadAll(IReadOnlyCollection<string> names)
                    => names.AsParallel().ForAll(name =>
                    {
                        var current = _settings;
                        if (current is null)
                        {
                            _settings = new Settings("default");
                        }
                    });
            }
            """);
    /// <summary>
    /// Set v, R12: a new immutable list made from a copy of the field and stored back is a read-modify-write in two
    /// steps, not a publication: a caller that stores in between loses its slot.
    /// </summary>
    [Fact]
    public Task Immutable_list_made_from_a_copy_of_the_field_and_stored_back_is_a_lost_update()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Roster("[|_slots = current.Add(slot)|];"));

    /// <summary>The same update made with a compare-and-swap of the copy is one atomic step.</summary>
    [Fact]
    public Task Immutable_list_swapped_in_against_the_copy_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Roster("if (Interlocked.CompareExchange(ref _slots, current.Add(slot), current) != current) return false;"));

    private static string Roster(string store) => $$"""
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using System.Threading;

        public sealed record Slot(string Stage, int Start);

        public sealed class Roster
        {
            private ImmutableList<Slot> _slots = ImmutableList<Slot>.Empty;

            public IReadOnlyList<Slot> Snapshot() => Volatile.Read(ref _slots);

            public bool TryBook(Slot slot)
            {
                var current = _slots;
                if (current.Any(s => s.Stage == slot.Stage && s.Start == slot.Start)) return false;
                {{store}}
                return true;
            }
        }
        """;

    /// <summary>
    /// Set bb R11: a handler array sized from a copy of the field, filled from it and stored back is the same
    /// read-modify-write in more steps: two subscribers at once each copy the old array and one subscription is lost.
    /// </summary>
    [Fact]
    public Task Array_sized_and_filled_from_a_copy_of_the_field_and_stored_back_is_a_lost_update()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Bus("[|_handlers = updated|];"));

    /// <summary>The same array swapped in against the copy with a compare-and-swap loop is one atomic step.</summary>
    [Fact]
    public Task Array_swapped_in_against_the_copy_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Bus("if (Interlocked.CompareExchange(ref _handlers, updated, current) != current) Subscribe(handler);"));

    private static string Bus(string store) => $$"""
        using System;
        using System.Threading;

        public sealed class FittingBus
        {
            private Action<int>[] _handlers = Array.Empty<Action<int>>();

            public void Subscribe(Action<int> handler)
            {
                var current = _handlers;
                var updated = new Action<int>[current.Length + 1];
                Array.Copy(current, updated, current.Length);
                updated[current.Length] = handler;
                {{store}}
            }

            public void Publish(int value)
            {
                foreach (var handler in Volatile.Read(ref _handlers))
                {
                    handler(value);
                }
            }
        }
        """;
}
