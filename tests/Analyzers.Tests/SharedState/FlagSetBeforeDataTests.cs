using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007's second shape: a ready flag set with a release write (<c>Volatile.Write</c>, a <c>volatile</c> field) before
/// the fields it announces are stored, while another member reads them once it sees the flag (set w's R13: a varnish
/// tracker's cabinet thread sets "ready" before the cured count and time; the display reads both once it sees it).
/// </summary>
public class FlagSetBeforeDataTests
{
    private const string Usings = """
        using System;
        using System.Threading;

        """;

    [Fact]
    public Task A_flag_written_before_the_data_it_announces_is_flagged_and_set_last_by_the_fix()
        => Verify.VerifyCodeFixAsync(
            Usings + """
            public sealed class Tracker
            {
                private bool _ready;
                private int _cured;
                private DateTimeOffset _at;

                public void Cured(int count, DateTimeOffset at)
                {
                    {|#0:Volatile.Write(ref _ready, true)|};
                    {|#1:_cured = count;|}
                    _at = at;
                }

                public string Status()
                {
                    if (!{|#2:Volatile.Read(ref _ready)|})
                    {
                        return "drying";
                    }

                    return $"coat {_cured} cured at {_at:HH:mm}";
                }
            }
            """,
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_ready", "'_cured' and '_at' are stored after it is set, so 'Status' after the unlocked check", "18")],
            Usings + """
            public sealed class Tracker
            {
                private bool _ready;
                private int _cured;
                private DateTimeOffset _at;

                public void Cured(int count, DateTimeOffset at)
                {
                    _cured = count;
                    _at = at;
                    Volatile.Write(ref _ready, true);
                }

                public string Status()
                {
                    if (!Volatile.Read(ref _ready))
                    {
                        return "drying";
                    }

                    return $"coat {_cured} cured at {_at:HH:mm}";
                }
            }
            """);

    [Fact]
    public Task A_volatile_flag_stored_before_the_data_read_inside_the_check_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            Usings + """
            public sealed class Beacon
            {
                private volatile bool _lit;
                private string _message = "";

                public void Light(string message)
                {
                    {|#0:_lit = true|};
                    {|#1:_message = message;|}
                }

                public string? Read()
                {
                    if ({|#2:_lit|})
                    {
                        return _message;
                    }

                    return null;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_lit", "'_message' is stored after it is set, so 'Read' after the unlocked check", "16"));

    [Fact]
    public Task The_flag_set_after_the_data_is_correct_and_silent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Tracker
            {
                private bool _ready;
                private int _cured;

                public void Cured(int count)
                {
                    _cured = count;
                    Volatile.Write(ref _ready, true);
                }

                public int? Status() => Volatile.Read(ref _ready) ? _cured : null;

                public int? Check()
                {
                    if (Volatile.Read(ref _ready))
                    {
                        return _cured;
                    }

                    return null;
                }
            }
            """);

    [Fact]
    public Task Data_read_only_while_the_flag_is_unset_is_silent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Connection
            {
                private bool _disposed;
                private string _endpoint = "";

                public void Dispose()
                {
                    Volatile.Write(ref _disposed, true);
                    _endpoint = "";
                }

                public string Endpoint()
                {
                    if (Volatile.Read(ref _disposed))
                    {
                        throw new ObjectDisposedException(nameof(Connection));
                    }

                    return _endpoint;
                }
            }
            """);

    [Fact]
    public Task A_plain_flag_without_a_release_write_is_not_this_rules_business()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Tracker
            {
                private bool _ready;
                private int _cured;

                public void Cured(int count)
                {
                    _ready = true;
                    _cured = count;
                }

                public int? Status() => _ready ? _cured : null;
            }
            """);

    [Fact]
    public Task A_flag_and_its_data_under_one_lock_are_silent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Tracker
            {
                private readonly object _gate = new object();
                private bool _ready;
                private int _cured;

                public void Cured(int count)
                {
                    lock (_gate)
                    {
                        Volatile.Write(ref _ready, true);
                        _cured = count;
                    }
                }

                public int? Status()
                {
                    lock (_gate)
                    {
                        if (Volatile.Read(ref _ready))
                        {
                            return _cured;
                        }
                    }

                    return null;
                }
            }
            """);

    /// <summary>
    /// Blind set ad, R11: a double-checked load whose <c>volatile</c> flag is set under the lock before the data. The
    /// lock orders the second check, but the fast path <c>if (_loaded) return;</c> runs without it, and the callers of
    /// <c>EnsureLoaded</c> read the data right after it returns. The fix sets the flag last.
    /// </summary>
    [Fact]
    public Task A_double_checked_flag_set_under_the_lock_before_the_data_is_flagged_and_set_last_by_the_fix()
        => Verify.VerifyCodeFixAsync(
            Usings + DoubleChecked("""
                            {|#0:_loaded = true|};
                            {|#1:_names = Load();|}
                """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_loaded", "'_names' is stored after it is set, so 'Count' after the unlocked check", "17")],
            Usings + DoubleChecked("""
                            _names = Load();
                            _loaded = true;
                """).Replace("{|#2:_loaded|}", "_loaded", StringComparison.Ordinal));

    /// <summary>The same load with the flag set after the data: silent.</summary>
    [Fact]
    public Task A_double_checked_flag_set_under_the_lock_after_the_data_is_silent()
        => Verify.VerifyAnalyzerAsync(Usings + DoubleChecked("""
                            _names = Load();
                            _loaded = true;
                """).Replace("{|#2:_loaded|}", "_loaded", StringComparison.Ordinal));

    /// <summary>
    /// Blind set ak, R15: the callers check the flag themselves (<c>if (!_loaded) Load();</c>) and read the data, and
    /// <c>Load</c> checks it again under its lock and sets it before the data. The fix sets the flag last.
    /// </summary>
    [Fact]
    public Task A_flag_the_callers_check_before_calling_the_locked_load_set_before_the_data_is_flagged_and_set_last_by_the_fix()
        => Verify.VerifyCodeFixAsync(
            Usings + CheckedByCallers("""
                            {|#0:_loaded = true|};
                            {|#1:_names = Read();|}
                """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_loaded", "'_names' is stored after it is set, so 'Count' after the unlocked check", "11")],
            Usings + CheckedByCallers("""
                            _names = Read();
                            _loaded = true;
                """).Replace("{|#2:_loaded|}", "_loaded", StringComparison.Ordinal));

    /// <summary>The same callers with the flag set after the data: silent.</summary>
    [Fact]
    public Task A_flag_the_callers_check_set_after_the_data_is_silent()
        => Verify.VerifyAnalyzerAsync(Usings + CheckedByCallers("""
                            _names = Read();
                            _loaded = true;
                """).Replace("{|#2:_loaded|}", "_loaded", StringComparison.Ordinal));

    private static string CheckedByCallers(string stores) => $$"""
        public sealed class Chart
        {
            private readonly object _gate = new();
            private volatile bool _loaded;
            private string[] _names = new string[0];

            public int Count()
            {
                if (!{|#2:_loaded|})
                {
                    Load();
                }

                return _names.Length;
            }

            private void Load()
            {
                lock (_gate)
                {
                    if (_loaded)
                    {
                        return;
                    }
        {{stores}}
                }
            }

            private static string[] Read() => new[] { "1095" };
        }
        """;

    private static string DoubleChecked(string stores) => $$"""
        public sealed class Library
        {
            private readonly object _gate = new();
            private volatile bool _loaded;
            private string[]? _names;

            public int Count()
            {
                EnsureLoaded();
                return _names!.Length;
            }

            private void EnsureLoaded()
            {
                if ({|#2:_loaded|})
                {
                    return;
                }

                lock (_gate)
                {
                    if (_loaded)
                    {
                        return;
                    }
        {{stores}}
                }
            }

            private static string[] Load() => new[] { "twill" };
        }
        """;

    private static string Ring(string write) => Usings + $$"""
        public sealed class Ring
        {
            private readonly double[] _slots = new double[64];
            private long _head;
            private long _tail;

            public void Write(double reading)
            {
                long head = _head;
                if (head - Volatile.Read(ref _tail) >= _slots.Length)
                {
                    return;
                }

                {{write}}
            }

            public bool TryRead(out double reading)
            {
                long tail = _tail;
                if (tail == {|#2:Volatile.Read(ref _head)|})
                {
                    reading = 0;
                    return false;
                }

                reading = _slots[tail & 63];
                Volatile.Write(ref _tail, tail + 1);
                return true;
            }
        }
        """;

    /// <summary>
    /// Set bf R04: a ring's writer publishes its head with a release write before it stores the slot, and the reader,
    /// once it sees the new head, reads the slot before it is stored.
    /// </summary>
    [Fact]
    public Task An_index_published_before_the_slot_it_counts_is_flagged_and_published_last_by_the_fix()
        => Verify.VerifyCodeFixAsync(
            Ring("""
                {|#0:Volatile.Write(ref _head, head + 1)|};
                        {|#1:_slots[head & 63] = reading;|}
                """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_head", "'_slots' is stored after it is set, so 'TryRead' after the unlocked check", "24")],
            Ring("""
                _slots[head & 63] = reading;
                        Volatile.Write(ref _head, head + 1);
                """).Replace("{|#2:", string.Empty).Replace(")|})", "))"));

    [Fact]
    public Task An_index_published_after_the_slot_is_silent()
        => Verify.VerifyAnalyzerAsync(Ring("""
            _slots[head & 63] = reading;
                    Volatile.Write(ref _head, head + 1);
            """).Replace("{|#2:", string.Empty).Replace(")|})", "))"));
}
