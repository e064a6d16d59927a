using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The contents of shared arrays: a read-modify-write of an element other iterations reach too, and a whole shared
/// buffer filled by concurrent code; never an element the iteration owns.
/// </summary>
public class ArrayContentsTests
{
    private static Task VerifyAsync(string source) => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(source);

    [Fact]
    public Task Histogram_bucket_incremented_by_a_parallel_loop()
        => VerifyAsync("""
            using System.Threading.Tasks;

            public static class Histogram
            {
                public static int[] Build(double[] values)
                {
                    var counts = new int[10];
                    Parallel.ForEach(values, v =>
                    {
                        var bucket = (int)(v * 10) % 10;
                        [|counts[bucket]++|];
                    });
                    return counts;
                }
            }
            """);

    /// <summary>Blind set o, R11: the loop's body is a method handed by name to PLINQ's <c>ForAll</c>.</summary>
    [Fact]
    public Task Histogram_bucket_incremented_by_a_method_handed_to_ForAll()
        => VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            public sealed class Histogram
            {
                private static readonly int[] Bounds = { 0, 5, 10, int.MaxValue };
                private readonly long[] _counts = new long[Bounds.Length];

                public void Build(IEnumerable<int> values) => values.AsParallel().ForAll(Add);

                private void Add(int value)
                {
                    var bucket = Array.FindIndex(Bounds, bound => value <= bound);
                    [|_counts[bucket]++|];
                }
            }
            """);

    [Fact]
    public Task Element_of_the_index_a_method_handed_to_Parallel_For_is_given_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            public sealed class Grid
            {
                private readonly double[] _cells = new double[64];

                public void Step() => Parallel.For(0, _cells.Length, Relax);

                private void Relax(int i) => _cells[i] *= 0.5;
            }
            """);

    /// <summary>
    /// Blind set o, R16: events of one player land in several iterations, and each adds to the standing the dictionary
    /// holds for that player: an object looked up by a key the items repeat is shared by the iterations.
    /// </summary>
    [Fact]
    public Task Object_looked_up_by_a_repeated_key_updated_by_a_parallel_loop()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Standing { public long Points { get; set; } }

            public sealed class Leaderboard
            {
                private readonly Dictionary<string, Standing> _players = new();

                public void Rebuild(IReadOnlyList<(string Player, int Points)> events)
                    => Parallel.ForEach(events, e =>
                    {
                        if (_players.TryGetValue(e.Player, out var player))
                        {
                            [|player.Points += e.Points|];
                        }
                    });
            }
            """);

    [Fact]
    public Task Object_at_the_iteration_own_position_of_a_list_is_not_shared()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Drone { public float Battery { get; set; } = 1f; }

            public sealed class Swarm
            {
                private readonly List<Drone> _drones = new();

                public void Frame(float dt)
                    => Parallel.For(0, _drones.Count, i =>
                    {
                        var drone = _drones[i];
                        drone.Battery -= dt;
                    });
            }
            """);

    [Fact]
    public Task Pair_forces_added_to_the_other_body_of_each_pair()
        => VerifyAsync("""
            using System.Threading.Tasks;

            public struct Body { public double X; public double Force; }

            public sealed class Simulation
            {
                private readonly Body[] _bodies = new Body[64];

                public void Step() => Parallel.For(0, _bodies.Length, Accumulate);

                private void Accumulate(int i)
                {
                    for (var j = i + 1; j < _bodies.Length; j++)
                    {
                        var f = _bodies[j].X - _bodies[i].X;
                        _bodies[i].Force += f;
                        [|_bodies[j].Force -= f|];
                    }
                }
            }
            """);

    [Fact]
    public Task Scratch_buffer_field_filled_by_every_parallel_call()
        => VerifyAsync("""
            using System.IO;
            using System.Linq;

            public sealed class Checksums
            {
                private readonly byte[] _buffer = new byte[81920];

                public long[] All(string[] paths) => paths.AsParallel().Select(Sum).ToArray();

                private long Sum(string path)
                {
                    using var stream = File.OpenRead(path);
                    long sum = 0;
                    int read;
                    while ((read = [|stream.Read(_buffer, 0, _buffer.Length)|]) > 0)
                    {
                        for (var k = 0; k < read; k++) sum += _buffer[k];
                    }

                    return sum;
                }
            }
            """);

    /// <summary>
    /// Set r R14: a static scratch array filled by a loop from 0 in a helper every parallel iteration calls, so one
    /// member's expected scores overwrite another's mid-calculation.
    /// </summary>
    [Fact]
    public Task Static_scratch_array_filled_from_zero_by_every_parallel_iteration()
        => VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Ratings
            {
                private static readonly double[] s_expected = new double[32];

                public static double[] Process(double[] ratings, List<int>[] opponents)
                {
                    var updated = new double[ratings.Length];
                    Parallel.For(0, ratings.Length, i => updated[i] = UpdateOne(ratings, i, opponents[i]));
                    return updated;
                }

                private static double UpdateOne(double[] ratings, int id, List<int> games)
                {
                    for (var k = 0; k < games.Count; k++)
                    {
                        [|s_expected[k] = 1.0 / (1.0 + ratings[games[k]] - ratings[id])|];
                    }

                    double delta = 0;
                    for (var k = 0; k < games.Count; k++) delta += 1 - s_expected[k];
                    return ratings[id] + delta;
                }
            }
            """);

    /// <summary>
    /// Set ag R13: a static scratch buffer grown with <c>Array.Resize(ref s_points, …)</c> in a helper every parallel
    /// iteration calls: the resize stores a new array in the shared field, as an assignment would.
    /// </summary>
    [Fact]
    public Task Static_buffer_resized_by_every_parallel_iteration()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(ResizedBuffer);

    /// <summary>The resized shared buffer of set ag R13, with the report's place marked (also the fix's test source).</summary>
    internal const string ResizedBuffer = """
        using System;
        using System.Threading.Tasks;

        public static class Flattener
        {
            private static int[] s_points = new int[4];

            public static void Run(int[][] glyphs) => Parallel.ForEach(glyphs, glyph => Flatten(glyph));

            private static int Flatten(int[] glyph)
            {
                if (glyph.Length > s_points.Length)
                {
                    [|Array.Resize(ref s_points, glyph.Length)|];
                }

                return s_points.Length;
            }
        }
        """;

    [Fact]
    public Task Local_buffer_resized_by_each_parallel_iteration_is_its_own()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Flattener
            {
                public static void Run(int[][] glyphs) => Parallel.ForEach(glyphs, glyph => Flatten(glyph));

                private static int Flatten(int[] glyph)
                {
                    var points = new int[4];
                    Array.Resize(ref points, glyph.Length);
                    return points.Length;
                }
            }
            """);

    [Fact]
    public Task Loops_from_zero_over_arrays_of_the_iteration_own_are_not_shared()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            public static class Grids
            {
                public static double[][] Rows(int n, int m)
                {
                    var rows = new double[n][];
                    var grid = new double[n, m];
                    Parallel.For(0, n, i =>
                    {
                        var row = new double[m];
                        for (var k = 0; k < m; k++) row[k] = i * k;
                        for (var k = 0; k < m; k++) grid[i, k] = row[k];
                        rows[i] = row;
                        Fill(row);
                    });
                    return rows;
                }

                private static void Fill(double[] target)
                {
                    for (var k = 0; k < target.Length; k++) target[k] = k;
                }
            }
            """);

    [Fact]
    public Task Elements_the_iteration_owns_are_not_shared()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            public static class Owned
            {
                public static int[] Squares(int from, int to)
                {
                    var result = new int[to - from];
                    Parallel.For(from, to, i =>
                    {
                        var k = i - from;
                        result[k] = i * i;
                        result[k] += 1;
                    });
                    return result;
                }

                public static long[] Chunked(int n)
                {
                    var sums = new long[n];
                    Parallel.ForEach(Partitioner.Create(0, n), range =>
                    {
                        for (var k = range.Item1; k < range.Item2; k++) sums[k] += k;
                    });
                    return sums;
                }

                public static long[] PerTask(int workers)
                {
                    var partial = new long[workers];
                    var tasks = new List<Task>();
                    for (var t = 0; t < workers; t++)
                    {
                        var slot = t;
                        tasks.Add(Task.Run(() => partial[slot] += slot));
                    }

                    Task.WaitAll(tasks.ToArray());
                    return partial;
                }

                public static long[] Lengths(string[] paths)
                {
                    var lengths = new long[paths.Length];
                    Parallel.For(0, paths.Length, i =>
                    {
                        var buffer = new byte[4096];
                        using var stream = File.OpenRead(paths[i]);
                        int read;
                        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) lengths[i] += read;
                    });
                    return lengths;
                }
            }
            """);
    /// <summary>
    /// Blind set ao, C19: a thread per value of <c>Enumerable.Range(0, saws).Select(i =&gt; new Thread(() =&gt; sawn[i] += …))</c>,
    /// or per index of <c>Select((path, i) =&gt; …)</c>: each call of the selector has its own <c>i</c>, and no two calls
    /// get the same one, so each thread writes its own slot.
    /// </summary>
    [Fact]
    public Task Each_thread_a_selector_starts_owns_the_slot_of_its_own_index()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Linq;
            using System.Threading;

            public static class Yard
            {
                public static double Saw(double[] tonnes, int saws)
                {
                    var sawn = new double[saws];
                    var threads = Enumerable.Range(0, saws).Select(i => new Thread(() =>
                    {
                        foreach (var t in tonnes) sawn[i] += t * 0.82;
                    })).ToArray();
                    foreach (var thread in threads) thread.Start();
                    foreach (var thread in threads) thread.Join();
                    return sawn.Sum();
                }

                public static long[] Lengths(string[] paths)
                {
                    var lengths = new long[paths.Length];
                    var threads = paths.Select((path, i) => new Thread(() => lengths[i] += path.Length)).ToArray();
                    foreach (var thread in threads) thread.Start();
                    foreach (var thread in threads) thread.Join();
                    return lengths;
                }
            }
            """);

    /// <summary>A selector's item is no index of its own: two items can be equal, and their threads share the slot.</summary>
    [Fact]
    public Task A_thread_per_item_of_a_selector_shares_the_slot_of_an_equal_item()
        => VerifyAsync("""
            using System.Linq;
            using System.Threading;

            public static class Tally
            {
                public static int[] Count(int[] buckets)
                {
                    var counts = new int[16];
                    var threads = buckets.Select(b => new Thread(() => [|counts[b]++|])).ToArray();
                    foreach (var thread in threads) thread.Start();
                    foreach (var thread in threads) thread.Join();
                    return counts;
                }
            }
            """);

    [Fact]
    public Task List_in_a_grid_cell_that_other_iterations_add_to()
        => VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Grid
            {
                private readonly List<int>[] _cells = new List<int>[64];

                public Grid()
                {
                    for (var c = 0; c < _cells.Length; c++) _cells[c] = new List<int>();
                }

                public void Rebuild(float[] positions)
                {
                    foreach (var cell in _cells) cell.Clear();
                    Parallel.For(0, positions.Length, i =>
                    {
                        var cell = CellOf(positions[i]);
                        [|_cells[cell].Add(i)|];
                    });
                }

                private int CellOf(float position) => (int)position % _cells.Length;
            }
            """);

    [Fact]
    public Task List_in_the_iteration_own_cell_is_not_shared()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Grid
            {
                private readonly List<int>[] _cells = new List<int>[64];

                public Grid()
                {
                    for (var c = 0; c < _cells.Length; c++) _cells[c] = new List<int>();
                }

                public void Fill(float[][] positionsPerCell)
                {
                    Parallel.For(0, _cells.Length, c =>
                    {
                        _cells[c].Clear();
                        foreach (var p in positionsPerCell[c]) _cells[c].Add((int)p);
                    });
                }
            }
            """);
    [Fact]
    public Task Element_updated_by_a_helper_given_an_index_the_iteration_does_not_own()
        => VerifyAsync("""
            using System.Threading.Tasks;

            public struct Unit { public int Team; public float Health; }

            public sealed class Battle
            {
                private readonly Unit[] _units = new Unit[64];

                public void Step()
                {
                    Parallel.For(0, _units.Length, i =>
                    {
                        var target = NearestEnemy(i);
                        if (target >= 0) ApplyDamage(target, 1f);
                    });
                }

                private int NearestEnemy(int attacker)
                {
                    for (var j = 0; j < _units.Length; j++)
                    {
                        if (_units[j].Team != _units[attacker].Team) return j;
                    }

                    return -1;
                }

                private void ApplyDamage(int target, float amount) => [|_units[target].Health -= amount|];
            }
            """);

    [Fact]
    public Task Element_updated_by_a_helper_given_the_iteration_own_index_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            public struct Unit { public int Team; public float Health; }

            public sealed class Battle
            {
                private readonly Unit[] _units = new Unit[64];

                public void Step() => Parallel.For(0, _units.Length, i => Heal(i, 1f));

                private void Heal(int unit, float amount) => _units[unit].Health += amount;
            }
            """);

    [Fact]
    public Task In_place_stencil_reads_the_elements_its_neighbours_write()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class HeatRod
            {
                private readonly double[] _temperature = new double[64];

                public void Step(double alpha)
                {
                    Parallel.For(1, _temperature.Length - 1, i =>
                    {
                        var self = _temperature[i];
                        [|_temperature[i] = self + alpha * (_temperature[i - 1] - 2 * self + _temperature[i + 1])|];
                    });
                }
            }
            """);

    [Fact]
    public Task Stencil_into_a_second_array_and_offsets_of_its_own_are_not_shared()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            public sealed class HeatRod
            {
                private double[] _current = new double[64];
                private double[] _next = new double[64];

                public void Step(double alpha)
                {
                    Parallel.For(1, _current.Length - 1, i =>
                    {
                        _next[i] = _current[i] + alpha * (_current[i - 1] - 2 * _current[i] + _current[i + 1]);
                    });
                    (_current, _next) = (_next, _current);
                }

                public static int[] Shifted(int from, int to)
                {
                    var result = new int[to - from];
                    Parallel.For(from, to, i => result[i - from] = result[i - from] + i);
                    return result;
                }
            }
            """);
}
