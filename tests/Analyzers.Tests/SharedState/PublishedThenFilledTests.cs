using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007's third shape: a new collection stored in a volatile or static field that other members read without a
/// lock, and filled after the store (set ae R05: a launch board's rebuild loop publishes the new list, then adds the
/// standby slots to it while the tablets walk it; set m R06: a catalog published empty, then filled, behind an
/// unlocked <c>s_tracks ?? Load()</c>).
/// </summary>
public class PublishedThenFilledTests
{
    private static string Board(string rebuild) => $$"""
        using System.Collections.Generic;

        public sealed class LaunchBoard
        {
            private volatile List<string> _published = new List<string>();

            public int Count => {|#2:_published|}.Count;

            public void Rebuild(IEnumerable<string> confirmed, IEnumerable<string> standby)
            {
        {{rebuild}}
            }
        }
        """;

    [Fact]
    public Task A_list_stored_in_a_volatile_field_then_added_to_is_flagged_and_the_store_moved_last()
        => Verify.VerifyCodeFixAsync(
            Board("""
                    var next = new List<string>();
                    foreach (var slot in confirmed) next.Add(slot);
                    {|#0:_published = next|};
                    foreach (var slot in standby) {|#1:next.Add(slot)|};
            """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_published", "'next.Add' changes it after the store, so 'Count' reading it", "7")],
            Board("""
                    var next = new List<string>();
                    foreach (var slot in confirmed) next.Add(slot);
                    foreach (var slot in standby) next.Add(slot);
                    _published = next;
            """).Replace("{|#2:_published|}", "_published"));

    private static string SpeciesTable(string build) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class SpeciesCatalog
        {
            private readonly string[] _lines;
            private Dictionary<string, string>? _byName;

            public SpeciesCatalog(string[] lines) => _lines = lines;

            public string? Lookup(string name)
            {
                var index = Volatile.Read(ref {|#2:_byName|}) ?? BuildIndex();
                return index.TryGetValue(name, out var latin) ? latin : null;
            }

            private Dictionary<string, string> BuildIndex()
            {
                var index = new Dictionary<string, string>();
        {{build}}
                return index;
            }
        }
        """;

    [Fact]
    public Task A_table_published_with_Volatile_Write_then_filled_is_flagged_and_the_publication_moved_last()
        // Set al R04: 'Volatile.Write(ref _byName, index)' says the field is read on other threads, as the keyword does;
        // a parser thread's lookup can read the dictionary while the builder is still inserting.
        => Verify.VerifyCodeFixAsync(
            SpeciesTable("""
                    {|#0:Volatile.Write(ref _byName, index)|};
                    foreach (var line in _lines)
                    {
                        var parts = line.Split('|');
                        {|#1:index[parts[0]] = parts[1]|};
                    }
            """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_byName", "'index[…] = …' changes it after the store, so 'Lookup' reading it", "14")],
            SpeciesTable("""
                    foreach (var line in _lines)
                    {
                        var parts = line.Split('|');
                        index[parts[0]] = parts[1];
                    }
                    Volatile.Write(ref _byName, index);
            """).Replace("{|#2:_byName|}", "_byName"));

    /// <summary>Set av R08: a harvest plan published with <c>Volatile.Write</c>, and its beds set after it.</summary>
    private static string PlanBoard(string rebuild) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Plan
        {
            public IReadOnlyList<string> Beds { get; set; } = new string[0];
        }

        public sealed class PlanBoard
        {
            private Plan? _current;

            public IReadOnlyList<string> BedsForTablet() => Volatile.Read(ref {|#2:_current|})?.Beds ?? new string[0];

            public void Rebuild(List<string> beds)
            {
                var plan = new Plan();
        {{rebuild}}
            }
        }
        """;

    [Fact]
    public Task An_object_published_with_Volatile_Write_then_given_its_members_is_flagged_and_the_publication_moved_last()
        => Verify.VerifyCodeFixAsync(
            PlanBoard("""
                    {|#0:Volatile.Write(ref _current, plan)|};
                    {|#1:plan.Beds = beds|};
            """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_current", "'plan.Beds = …' changes it after the store, so 'BedsForTablet' reading it", "13")],
            PlanBoard("""
                    plan.Beds = beds;
                    Volatile.Write(ref _current, plan);
            """).Replace("{|#2:_current|}", "_current"));

    private static string ResultsPublisher(string import) => $$"""
        using System.Collections.Generic;

        public sealed class ResultsTable
        {
            private readonly List<string> _finishers = new();
            private int _loads;

            public int Count => _finishers.Count;

            public void Load(IEnumerable<string> bibs)
            {
                foreach (var bib in bibs)
                    _finishers.Add(bib);
            }

            public void Touch() => _loads = _loads + 1;

            public void Lock(IEnumerable<string> bibs)
            {
                lock (_finishers)
                    _finishers.AddRange(bibs);
            }

            public string Describe() => "table of " + _finishers.Count;

            public async System.Threading.Tasks.Task ConnectAsync()
            {
                await System.Threading.Tasks.Task.Yield();
                _loads = 1;
            }
        }

        public sealed class ResultsPublisher
        {
            private readonly object _importLock = new();
            private volatile ResultsTable _current = new();

            public ResultsTable Current => {|#2:_current|};

            public void Import(List<string> bibs)
            {
                lock (_importLock)
                {
                    var table = new ResultsTable();
        {{import}}
                }
            }
        }
        """;

    /// <summary>Set bi R16: the new table is published through a volatile field, then its own method fills it.</summary>
    [Fact]
    public Task An_object_published_then_filled_by_its_own_method_is_flagged_and_the_store_moved_last()
        => Verify.VerifyCodeFixAsync(
            ResultsPublisher("""
                        {|#0:_current = table|};
                        {|#1:table.Load(bibs)|};
            """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_current", "'table.Load' changes it after the store, so 'Current' reading it", "38")],
            ResultsPublisher("""
                        table.Load(bibs);
                        _current = table;
            """).Replace("{|#2:_current|}", "_current"));

    /// <summary>
    /// A store into the object's own field is a fill too; a method that only reads, fills under its own lock, or starts
    /// the object's life with a task (StackExchange.Redis's <c>physical.BeginConnectAsync(log)</c>), is not.
    /// </summary>
    [Theory]
    [InlineData("_current = table; {|#0:table.Touch()|};", true)]
    [InlineData("_current = table; table.Describe();", false)]
    [InlineData("_current = table; table.Lock(bibs);", false)]
    [InlineData("table.Load(bibs); _current = table;", false)]
    [InlineData("_current = table; _ = table.ConnectAsync();", false)]
    public Task Own_methods_that_fill_are_told_from_those_that_read_or_lock(string import, bool flagged)
        => flagged
            ? Verify.VerifyAnalyzerAsync(
                ResultsPublisher(import.Replace("_current = table;", "{|#1:_current = table|};")),
                Verify.Diagnostic().WithLocation(1).WithLocation(0).WithLocation(2)
                    .WithArguments("_current", "'table.Touch' changes it after the store, so 'Current' reading it", "38"))
            : Verify.VerifyAnalyzerAsync(ResultsPublisher(import).Replace("{|#2:_current|}", "_current"));

    /// <summary>Given its members first; or a plain field, which nothing says other threads read.</summary>
    [Theory]
    [InlineData("plan.Beds = beds; Volatile.Write(ref _current, plan);")]
    [InlineData("_current = plan; plan.Beds = beds;")]
    public Task An_object_given_its_members_before_it_is_published_or_kept_in_a_plain_field_is_silent(string rebuild)
        => Verify.VerifyAnalyzerAsync(PlanBoard(rebuild).Replace("Volatile.Read(ref {|#2:_current|})?.Beds", "_current?.Beds"));

    [Fact]
    public Task A_table_filled_before_Volatile_Write_publishes_it_is_silent()
        => Verify.VerifyAnalyzerAsync(SpeciesTable("""
                    foreach (var line in _lines)
                    {
                        var parts = line.Split('|');
                        index[parts[0]] = parts[1];
                    }

                    Volatile.Write(ref _byName, index);
            """).Replace("{|#2:_byName|}", "_byName"));

    [Fact]
    public Task The_store_is_not_moved_past_a_use_of_the_field()
        => new Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>.Test
        {
            TestCode = Board("""
                    var next = new List<string>();
                    {|#0:_published = next|};
                    System.Console.WriteLine(_published.Count);
                    foreach (var slot in standby) {|#1:next.Add(slot)|};
            """),
            FixedCode = Board("""
                    var next = new List<string>();
                    {|#0:_published = next|};
                    System.Console.WriteLine(_published.Count);
                    foreach (var slot in standby) {|#1:next.Add(slot)|};
            """),
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                    .WithArguments("_published", "'next.Add' changes it after the store, so 'Count' reading it", "7"),
            },
            FixedState =
            {
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                        .WithArguments("_published", "'next.Add' changes it after the store, so 'Count' reading it", "7"),
                },
            },
        }.RunAsync();

    [Fact]
    public Task A_list_filled_before_it_is_stored_is_silent()
        => Verify.VerifyAnalyzerAsync(Board("""
                    var next = new List<string>();
                    foreach (var slot in confirmed) next.Add(slot);
                    foreach (var slot in standby) next.Add(slot);
                    _published = next;
            """).Replace("{|#2:_published|}", "_published"));

    [Fact]
    public Task A_new_list_stored_in_the_local_after_publishing_the_old_one_is_silent()
        => Verify.VerifyAnalyzerAsync(Board("""
                    var next = new List<string>(confirmed);
                    _published = next;
                    next = new List<string>();
                    foreach (var slot in standby) next.Add(slot);
            """).Replace("{|#2:_published|}", "_published"));

    [Fact]
    public Task A_field_that_is_neither_volatile_nor_static_is_silent()
        => Verify.VerifyAnalyzerAsync(Board("""
                    var next = new List<string>();
                    _published = next;
                    foreach (var slot in standby) next.Add(slot);
            """).Replace("{|#2:_published|}", "_published").Replace("private volatile List<string>", "private List<string>"));

    [Fact]
    public Task Readers_that_take_the_lock_are_silent()
        => Verify.VerifyAnalyzerAsync(Board("""
                    lock (this)
                    {
                        var next = new List<string>();
                        _published = next;
                        foreach (var slot in standby) next.Add(slot);
                    }
            """).Replace("public int Count => {|#2:_published|}.Count;", "public int Count { get { lock (this) { return _published.Count; } } }"));

    private static string Catalog(string load, string reader = "public") => $$"""
        using System.Collections.Generic;

        public static class Catalog
        {
            private static Dictionary<int, string>? s_tracks;

            {{reader}} static string? Find(int number)
            {
                var tracks = {|#2:s_tracks|} ?? Load();
                return tracks.TryGetValue(number, out var title) ? title : null;
            }

            private static Dictionary<int, string> Load()
            {
        {{load}}
            }
        }
        """;

    private static readonly string PublishedEmpty = Catalog("""
                {|#0:s_tracks = new Dictionary<int, string>()|};
                foreach (var line in System.IO.File.ReadLines("manifest.csv"))
                {
                    {|#1:s_tracks[line.Length] = line|};
                }

                return s_tracks;
        """);

    [Fact]
    public Task A_static_dictionary_published_empty_then_filled_is_flagged_without_a_fix_past_the_return()
        => new Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>.Test
        {
            TestCode = PublishedEmpty,
            FixedCode = PublishedEmpty,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                    .WithArguments("s_tracks", "'s_tracks[…] = …' changes it after the store, so 'Find' reading it", "9"),
            },
            FixedState =
            {
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                        .WithArguments("s_tracks", "'s_tracks[…] = …' changes it after the store, so 'Find' reading it", "9"),
                },
            },
        }.RunAsync();

    [Fact]
    public Task A_static_set_filled_after_the_store_is_fixed_by_filling_a_local()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Generic;

            public static class Holidays
            {
                private static HashSet<string> s_days = new HashSet<string>();

                public static bool IsHoliday(string day) => {|#2:s_days|}.Contains(day);

                public static void Reload(IEnumerable<string> days)
                {
                    {|#0:s_days = new HashSet<string>()|};
                    foreach (var day in days) {|#1:s_days.Add(day)|};
                }
            }
            """,
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("s_days", "'s_days.Add' changes it after the store, so 'IsHoliday' reading it", "7")],
            """
            using System.Collections.Generic;

            public static class Holidays
            {
                private static HashSet<string> s_days = new HashSet<string>();

                public static bool IsHoliday(string day) => s_days.Contains(day);

                public static void Reload(IEnumerable<string> days)
                {
                    var days2 = new HashSet<string>();
                    foreach (var day in days) days2.Add(day);
                    s_days = days2;
                }
            }
            """);

    [Fact]
    public Task A_static_field_read_only_by_private_members_is_silent()
        => Verify.VerifyAnalyzerAsync(Catalog("""
                    s_tracks = new Dictionary<int, string>();
                    s_tracks[1] = "one";
                    return s_tracks;
            """, reader: "private").Replace("{|#2:s_tracks|}", "s_tracks"));

    [Fact]
    public Task A_static_constructor_that_fills_after_the_store_is_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public static class Units
            {
                private static Dictionary<string, double> s_factors;

                static Units()
                {
                    s_factors = new Dictionary<string, double>();
                    s_factors["km"] = 1000;
                }

                public static double Factor(string unit) => s_factors[unit];
            }
            """);
}
