using System.Collections.Immutable;
using System.Text;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An IDE asks for a document's diagnostics on a new compilation after each edit. The shared-state walk then
/// replays the bodies it follows into unchanged files from digests (<see cref="BodyDigest"/>) instead of binding
/// them again. These tests check that a replay reports exactly what a walk of freshly bound bodies reports, and
/// that an edit of declarations anywhere stops the replays.
/// </summary>
public class BodyDigestTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<CSharpCompilation> References = new(() => CSharpCompilation.Create(
        "Digests",
        references: PlatformReferences.All,
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    [Fact]
    public async Task Replayed_bodies_report_what_freshly_bound_bodies_report()
    {
        var replays = 0;
        var reports = 0;
        for (var seed = 0; seed < 24; seed++)
        {
            var files = GeneratedProject(seed);
            var live = await ReportsAsync(Compile(files));

            // The IDE's sequence: a first compilation, then new ones that share every unchanged tree and differ by an
            // edit of Entry.cs that leaves its declarations alone.
            var first = Compile(files);
            await ReportsAsync(first);
            var recorded = EditEntry(first, "/* edit 1 */");
            AssertSame(live, await ReportsAsync(recorded), seed);
            var replayed = EditEntry(first, "/* edit 2 */");
            AssertSame(live, await ReportsAsync(replayed), seed);

            var world = DeclarationWorld.Of(replayed);
            Assert.NotNull(world);
            Assert.Same(world, DeclarationWorld.Of(recorded));
            replays += world!.Replays;
            reports += live.Length;
        }

        // Not vacuous: bodies were replayed, and the projects have races to report.
        Assert.True(replays > 100, $"only {replays} bodies were replayed");
        Assert.True(reports > 50, $"only {reports} reports");
    }

    [Fact]
    public async Task An_edit_of_a_declaration_elsewhere_stops_the_replay_of_bodies_that_bind_to_it()
    {
        // 'Log.Write(n)' binds to Write(object) until an overload Write(int) appears in another file; only that one
        // touches a static without a lock.
        const string entry = """
            using System.Threading;

            public static class Entry
            {
                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        new Thread(() => Worker.Run(i)).Start();
                    }
                }
            }
            """;
        const string worker = """
            public static class Worker
            {
                public static void Run(int n) => Log.Write(n);
            }
            """;
        const string log = """
            public static class Log
            {
                private static readonly object Gate = new();
                private static int _written;

                public static void Write(object value)
                {
                    lock (Gate)
                    {
                        _written++;
                    }
                }
            }
            """;
        var withOverload = log.Replace("""
                public static void Write(object value)
            """, """
                public static void Write(int value) => _written++;

                public static void Write(object value)
            """);

        var first = Compile([("Entry.cs", entry), ("Worker.cs", worker), ("Log.cs", log)]);
        await ReportsAsync(first);
        var recorded = EditEntry(first, "/* edit 1 */");
        var before = await ReportsAsync(recorded);
        Assert.DoesNotContain(before, r => r.Contains("_written", StringComparison.Ordinal));

        // Worker.cs is unchanged, and its body now binds to the new overload.
        var logTree = first.SyntaxTrees.Single(t => t.FilePath == "Log.cs");
        var edited = recorded.ReplaceSyntaxTree(recorded.SyntaxTrees.Single(t => t.FilePath == "Log.cs"), logTree.WithChangedText(SourceText.From(withOverload)));
        var after = await ReportsAsync(edited);
        AssertSame(await ReportsAsync(Compile([("Entry.cs", entry + "/* edit 1 */"), ("Worker.cs", worker), ("Log.cs", withOverload)])), after, seed: -1);
        Assert.Contains(after, r => r.Contains("_written", StringComparison.Ordinal));
        Assert.NotSame(DeclarationWorld.Of(recorded), DeclarationWorld.Of(edited));
    }

    [Fact]
    public async Task A_body_that_calls_a_delegate_named_by_a_getter_keeps_no_digest_so_an_edited_getter_counts()
    {
        // Worker.Run calls the handler Tracker.Handler returns. The getter's body is in another file, and changing it
        // changes no declaration: a digest of Run that kept the target would replay the old handler.
        const string entry = """
            using System.Threading;

            public static class Entry
            {
                public static readonly Tracker Shared = new();

                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        new Thread(Worker.Run).Start();
                    }
                }
            }
            """;
        const string worker = """
            public static class Worker
            {
                public static void Run()
                {
                    var h = Entry.Shared.Handler;
                    h(10);
                }
            }
            """;
        const string tracker = """
            using System;

            public sealed class Tracker
            {
                private readonly object _gate = new();
                private long _bytes;

                public Action<long> Handler => OnLocked;

                private void OnLocked(long n)
                {
                    lock (_gate)
                    {
                        _bytes += n;
                    }
                }

                private void OnChunk(long n) => _bytes += n;
            }
            """;
        var unlocked = tracker.Replace("Handler => OnLocked", "Handler => OnChunk");

        await AssertTrackerEditSeenAsync([("Entry.cs", entry), ("Worker.cs", worker), ("Tracker.cs", tracker)], unlocked, seed: -2);
    }

    [Fact]
    public async Task A_body_that_calls_a_delegate_field_keeps_no_digest_so_an_edited_constructor_counts()
    {
        // Feed calls _handler in one file of a partial type; the constructor that sets it is in another. Changing what
        // the constructor stores changes no declaration.
        const string entry = """
            using System.Threading;

            public static class Entry
            {
                public static readonly Tracker Shared = new();

                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        new Thread(() => Shared.Feed(10)).Start();
                    }
                }
            }
            """;
        const string feed = """
            public partial class Tracker
            {
                public void Feed(long n) => _handler(n);
            }
            """;
        const string tracker = """
            using System;

            public partial class Tracker
            {
                private readonly object _gate = new();
                private readonly Action<long> _handler;
                private long _bytes;

                public Tracker()
                {
                    _handler = OnLocked;
                }

                private void OnLocked(long n)
                {
                    lock (_gate)
                    {
                        _bytes += n;
                    }
                }

                private void OnChunk(long n) => _bytes += n;
            }
            """;
        var unlocked = tracker.Replace("_handler = OnLocked;", "_handler = OnChunk;");

        await AssertTrackerEditSeenAsync([("Entry.cs", entry), ("Tracker.Feed.cs", feed), ("Tracker.cs", tracker)], unlocked, seed: -4);
    }

    [Fact]
    public async Task A_body_that_runs_a_lambda_from_a_local_reports_in_later_compilations_what_fresh_trees_report()
    {
        // The walk reads the lambda where it is written and again where it is called (under Gate), in a frame of its
        // own whose steps a digest of Count would not hold; so Count keeps no digest, and the IDE's later compilations
        // must still report what fresh trees report.
        const string entry = """
            using System.Threading;

            public static class Entry
            {
                public static int Total;

                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        new Thread(() => Worker.Count()).Start();
                    }
                }
            }
            """;
        const string worker = """
            using System;

            public static class Worker
            {
                private static readonly object Gate = new();

                public static void Count()
                {
                    Action note = () => Entry.Total++;
                    lock (Gate)
                    {
                        note();
                    }
                }
            }
            """;
        var first = Compile([("Entry.cs", entry), ("Worker.cs", worker)]);
        await ReportsAsync(first);
        var recorded = EditEntry(first, "/* edit 1 */");
        await ReportsAsync(recorded);
        var replaying = EditEntry(recorded, "/* edit 2 */");
        Assert.Same(DeclarationWorld.Of(recorded), DeclarationWorld.Of(replaying));
        var after = await ReportsAsync(replaying);
        AssertSame(await ReportsAsync(Compile([("Entry.cs", entry + "/* edit 1 *//* edit 2 */"), ("Worker.cs", worker)])), after, seed: -3);
        Assert.Contains(after, r => r.Contains("'Total'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_passes_a_lock_held_flag_reports_in_later_compilations_what_fresh_trees_report()
    {
        // Worker.Run passes 'locked: false' to Store.Write, whose unlocked branch then does not run. A digest of Run
        // would keep the call but not the flag, so Run keeps none, and the IDE's later compilations must still report
        // what fresh trees report: only the store Bump makes without the lock.
        const string entry = """
            using System.Threading;

            public static class Entry
            {
                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        new Thread(() => Worker.Run()).Start();
                    }
                }
            }
            """;
        const string worker = """
            public static class Worker
            {
                public static void Run()
                {
                    Store.Write(1, locked: false);
                    Store.Bump();
                }
            }
            """;
        const string store = """
            public static class Store
            {
                private static readonly object Gate = new();
                public static int Total;

                public static void Write(int n, bool locked)
                {
                    if (locked)
                    {
                        Total += n;
                        return;
                    }

                    lock (Gate)
                    {
                        Total += n;
                    }
                }

                public static void Bump() => Total++;
            }
            """;
        var first = Compile([("Entry.cs", entry), ("Worker.cs", worker), ("Store.cs", store)]);
        await ReportsAsync(first);
        var recorded = EditEntry(first, "/* edit 1 */");
        await ReportsAsync(recorded);
        var replaying = EditEntry(recorded, "/* edit 2 */");
        Assert.Same(DeclarationWorld.Of(recorded), DeclarationWorld.Of(replaying));
        var after = await ReportsAsync(replaying);
        AssertSame(await ReportsAsync(Compile([("Entry.cs", entry + "/* edit 1 *//* edit 2 */"), ("Worker.cs", worker), ("Store.cs", store)])), after, seed: -4);
        Assert.Contains(after, r => r.Contains("'Total'", StringComparison.Ordinal) && r.Contains("Store.cs: (19,", StringComparison.Ordinal));
        Assert.DoesNotContain(after, r => r.Contains("Store.cs: (9,", StringComparison.Ordinal)); // Write's branch for 'locked: true' only
    }

    [Fact]
    public void A_build_keeps_no_world()
    {
        // Every tree of a build is new: nothing is recorded, and a recompile of the same text is no IDE either.
        var files = GeneratedProject(1);
        Assert.Null(DeclarationWorld.Of(Compile(files)));
        Assert.Null(DeclarationWorld.Of(Compile(files)));
    }

    /// <summary>
    /// The IDE's sequence on <paramref name="files"/>: a first compilation, one that records (Entry.cs edited), then
    /// Tracker.cs replaced by <paramref name="edited"/> with the same declarations, so unchanged bodies could replay.
    /// Before the edit nothing touches '_bytes' unlocked; after it, the reports must be those of fresh trees, and
    /// name '_bytes'.
    /// </summary>
    private static async Task AssertTrackerEditSeenAsync(List<(string Path, string Text)> files, string edited, int seed)
    {
        var first = Compile(files);
        await ReportsAsync(first);
        var recorded = EditEntry(first, "/* edit 1 */");
        Assert.DoesNotContain(await ReportsAsync(recorded), r => r.Contains("_bytes", StringComparison.Ordinal));

        var trackerTree = recorded.SyntaxTrees.Single(t => t.FilePath == "Tracker.cs");
        var replaying = recorded.ReplaceSyntaxTree(trackerTree, trackerTree.WithChangedText(SourceText.From(edited)));
        Assert.Same(DeclarationWorld.Of(recorded), DeclarationWorld.Of(replaying)); // the same declarations: digests replay
        var after = await ReportsAsync(replaying);
        var fresh = files.Select(f => f.Path switch
        {
            "Entry.cs" => (f.Path, f.Text + "/* edit 1 */"),
            "Tracker.cs" => (f.Path, edited),
            _ => f,
        });
        AssertSame(await ReportsAsync(Compile(fresh)), after, seed);
        Assert.Contains(after, r => r.Contains("_bytes", StringComparison.Ordinal));
    }

    private static void AssertSame(ImmutableArray<string> expected, ImmutableArray<string> actual, int seed)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"seed {seed}\nmissing:\n{string.Join("\n", missing)}\nextra:\n{string.Join("\n", extra)}");
    }

    private static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> files)
        => References.Value.AddSyntaxTrees(files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)));

    /// <summary>A new compilation with Entry.cs replaced by its text plus a comment at the end: the same declarations.</summary>
    private static Compilation EditEntry(Compilation compilation, string comment)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Entry.cs");
        var text = tree.GetText();
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), comment))));
    }

    private static async Task<ImmutableArray<string>> ReportsAsync(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.CreateAll(), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()} [{string.Join("; ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]")
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>
    /// A project whose Entry.cs starts threads, tasks, timers and a parallel loop and subscribes a handler, each
    /// calling into services in other files. The services' bodies mix the walk's steps: fields and statics written
    /// with and without locks, collections, properties with bodies, calls across files, a generic box, an event
    /// raised, a generic method, local functions, a lock on a local, gates and Monitor regions.
    /// </summary>
    private static List<(string Path, string Text)> GeneratedProject(int seed)
    {
        var random = new Random(seed);
        const int services = 4;
        var files = new List<(string, string)>
        {
            ("Shared.cs", """
                using System;
                using System.Collections.Generic;

                public static class Registry
                {
                    public static int Count;
                    public static int ByLocalFunctions;
                    public static List<string> Names = new();
                    public static event Action? Changed;

                    public static void Raise() => Changed?.Invoke();

                    public static void Note<T>(T value) => Names.Add(value?.ToString() ?? "");
                }

                public sealed class Box<T>
                {
                    public T? Value;

                    public void Set(T value) => Value = value;
                }
                """),
        };

        for (var k = 0; k < services; k++)
        {
            var body = new StringBuilder();
            for (var m = 0; m < 3; m++)
            {
                body.AppendLine($"    public void Work{m}(int n)");
                body.AppendLine("    {");
                for (var s = 0; s < 4; s++)
                {
                    body.AppendLine("        " + Statement(random, k, services, s));
                }

                body.AppendLine("    }");
                body.AppendLine();
            }

            files.Add(($"Service{k}.cs", $$"""
                using System.Collections.Generic;
                using System.Threading;

                public sealed class Service{{k}}
                {
                    private readonly object _gate = new();
                    private readonly List<int> _items = new();
                    private readonly Dictionary<int, int> _map = new();
                    private readonly Box<int> _box = new();
                    private int _total;
                    private int _busy;

                    public Service{{(k + 1) % services}}? Next;

                    public int Hits { get; set; }

                    public int Total
                    {
                        get => _total;
                        set => _total = value;
                    }

                {{body}}
                    public static void Helper(int n) => Registry.Count += n;
                }
                """));
        }

        var entry = new StringBuilder();
        for (var k = 0; k < services; k++)
        {
            entry.AppendLine($"    private static readonly Service{k} S{k} = new();");
        }

        entry.AppendLine("    public static void Start()");
        entry.AppendLine("    {");
        string[] starts =
        [
            "new Thread(() => S{0}.Work{1}(1)).Start();",
            "Task.Run(() => S{0}.Work{1}(2));",
            "var t{2} = new Timer(_ => S{0}.Work{1}(3), null, 0, 10);",
            "Parallel.For(0, 4, i => S{0}.Work{1}(i));",
            "Registry.Changed += () => S{0}.Work{1}(5);",
        ];
        for (var e = 0; e < 5; e++)
        {
            entry.AppendLine("        " + string.Format(starts[random.Next(starts.Length)], random.Next(services), random.Next(3), e));
        }

        entry.AppendLine("    }");
        files.Add(("Entry.cs", $$"""
            using System.Threading;
            using System.Threading.Tasks;

            public static class Entry
            {
            {{entry}}}
            """));
        return files;
    }

    private static string Statement(Random random, int service, int services, int index)
    {
        var next = (service + 1) % services;
        string[] statements =
        [
            "_total++;",
            "lock (_gate) { _total++; }",
            "Registry.Count++;",
            "_items.Add(n);",
            "lock (_gate) { _items.Add(n); }",
            "Registry.Names.Add(\"x\");",
            "Total = n;",
            "Hits++;",
            $"Next?.Work{random.Next(3)}(n);",
            $"Service{next}.Helper(n);",
            "Registry.Raise();",
            "_box.Set(n);",
            "Registry.Note(n);",
            $"Local{index}(); void Local{index}() {{ _total--; Registry.ByLocalFunctions++; }}",
            $"lock (_gate) {{ Guarded{index}(n); }} void Guarded{index}(int m) {{ _map[m] = m; Registry.ByLocalFunctions += m; }}",
            $"_ = Awaited{index}(n); async System.Threading.Tasks.Task Awaited{index}(int m) {{ await System.Threading.Tasks.Task.Yield(); Registry.Count += m; Next?.Work0(m); }}",
            $"var local{index}b = new object(); Locked{index}(); void Locked{index}() {{ lock (local{index}b) {{ _total++; }} }}",
            $"var local{index} = new object(); lock (local{index}) {{ _total += 2; }}",
            $"foreach (var item{index} in _items) {{ _total += item{index}; }}",
            "if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0) { _total++; _busy = 0; }",
            "Monitor.Enter(_gate); try { _map[n] = n; } finally { Monitor.Exit(_gate); }",
            "_map[n] = Total;",
            "n = Total + Hits;",
        ];
        return statements[random.Next(statements.Length)];
    }
}
