using Forklift.Analyzers.Tests.Verifiers;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007: a double-checked lock that publishes its new object before filling it (#9: feature flags loaded after the
/// field was set, seen empty by a thread that passed the unlocked check).
/// </summary>
public class PublishedBeforeFilledTests
{
    private const string Flags = """
        using System;
        using System.Collections.Generic;

        public sealed class Flags
        {
            private readonly Dictionary<string, bool> _flags = new Dictionary<string, bool>();
            public string Source = "";
            public void Load(string path) => _flags[path] = true;
            public bool IsEnabled(string name) => _flags.TryGetValue(name, out var on) && on;
        }

        """;

    [Fact]
    public Task Publishing_then_loading_is_flagged_and_fixed_by_filling_a_local_first()
        => Verify.VerifyCodeFixAsync(
            Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags Current
                {
                    get
                    {
                        if ({|#2:s_current == null|})
                        {
                            lock (s_gate)
                            {
                                if (s_current == null)
                                {
                                    {|#0:s_current = new Flags()|};
                                    {|#1:s_current.Load("flags.txt")|};
                                    Console.WriteLine(s_current.IsEnabled("x"));
                                }
                            }
                        }

                        return s_current;
                    }
                }
            }
            """,
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("s_current", "'Load' runs on it after the unlocked check", "20")],
            Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags Current
                {
                    get
                    {
                        if (s_current == null)
                        {
                            lock (s_gate)
                            {
                                if (s_current == null)
                                {
                                    var current = new Flags();
                                    current.Load("flags.txt");
                                    Console.WriteLine(current.IsEnabled("x"));
                                    s_current = current;
                                }
                            }
                        }

                        return s_current;
                    }
                }
            }
            """);

    [Fact]
    public Task Early_return_check_member_write_and_instance_field_are_flagged_and_fixed()
        => Verify.VerifyCodeFixAsync(
            Flags + """
            public sealed class Holder
            {
                private readonly object _gate = new object();
                private Flags? _flags;
                private int flags;

                public Flags Get()
                {
                    if (this._flags is not null) return this._flags;
                    lock (_gate)
                    {
                        if (this._flags is null)
                        {
                            [|this._flags = new()|];
                            this._flags.Source = "env";
                        }

                        return this._flags;
                    }
                }
            }
            """,
            Flags + """
            public sealed class Holder
            {
                private readonly object _gate = new object();
                private Flags? _flags;
                private int flags;

                public Flags Get()
                {
                    if (this._flags is not null) return this._flags;
                    lock (_gate)
                    {
                        if (this._flags is null)
                        {
                            Flags flags2 = new();
                            flags2.Source = "env";
                            this._flags = flags2;
                        }

                        return this._flags;
                    }
                }
            }
            """);

    /// <summary>
    /// Blind set p, R07: the unlocked check reads the field into a local first (<c>var donors = _donors; if (donors is
    /// not null) return donors;</c>), the usual way to read it once; the locked code still publishes the empty list.
    /// </summary>
    [Fact]
    public Task Unlocked_check_through_a_local_copy_is_flagged_and_fixed()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Generic;

            public sealed class Index
            {
                private readonly object _gate = new object();
                private List<string>? _donors;

                public List<string> Donors
                {
                    get
                    {
                        var donors = _donors;
                        if (donors is not null)
                        {
                            return donors;
                        }

                        lock (_gate)
                        {
                            if (_donors is null)
                            {
                                [|_donors = new List<string>()|];
                                foreach (var name in new[] { "a", "b" })
                                {
                                    _donors.Add(name);
                                }
                            }

                            return _donors;
                        }
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;

            public sealed class Index
            {
                private readonly object _gate = new object();
                private List<string>? _donors;

                public List<string> Donors
                {
                    get
                    {
                        var donors = _donors;
                        if (donors is not null)
                        {
                            return donors;
                        }

                        lock (_gate)
                        {
                            if (_donors is null)
                            {
                                var donors2 = new List<string>();
                                foreach (var name in new[] { "a", "b" })
                                {
                                    donors2.Add(name);
                                }
                                _donors = donors2;
                            }

                            return _donors;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Filling_that_can_leave_early_is_flagged_without_a_fix()
        => Verify.VerifyCodeFixAsync(
            Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags? Current(string? path)
                {
                    if (s_current == null)
                        lock (s_gate)
                            if (s_current == null)
                            {
                                [|s_current = new Flags()|];
                                if (path is null) return null;
                                s_current.Load(path);
                            }
                    return s_current;
                }
            }
            """,
            Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags? Current(string? path)
                {
                    if (s_current == null)
                        lock (s_gate)
                            if (s_current == null)
                            {
                                [|s_current = new Flags()|];
                                if (path is null) return null;
                                s_current.Load(path);
                            }
                    return s_current;
                }
            }
            """);

    [Fact]
    public Task A_lock_after_a_unicode_escape_in_the_file_is_still_found()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public static class Provider
            {
                private const string Escaped = "\u00e9t\u00e9";
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags Current()
                {
                    if (s_current == null)
                        lock (s_gate)
                            if (s_current == null) { [|s_current = new Flags()|]; s_current.Load(Escaped); }
                    return s_current;
                }
            }
            """);

    [Fact]
    public Task Filling_a_local_then_publishing_is_silent()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static volatile Flags? s_current;

                public static Flags Current
                {
                    get
                    {
                        if (s_current == null)
                        {
                            lock (s_gate)
                            {
                                if (s_current == null)
                                {
                                    var flags = new Flags();
                                    flags.Load("flags.txt");
                                    s_current = flags;
                                }
                            }
                        }

                        return s_current;
                    }
                }
            }
            """);

    [Fact]
    public Task Publishing_a_fully_constructed_object_is_silent()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public sealed class Settings
            {
                public Settings(string path) { Path = path; }
                public string Path { get; }
            }

            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Settings? s_settings;

                public static Settings Current
                {
                    get
                    {
                        if (s_settings == null)
                        {
                            lock (s_gate)
                            {
                                if (s_settings == null)
                                {
                                    s_settings = new Settings("app.json") { };
                                    Console.WriteLine(s_settings.Path);
                                }
                            }
                        }

                        return s_settings;
                    }
                }
            }
            """);

    [Fact]
    public Task Lazy_of_T_is_silent()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public static class Provider
            {
                private static readonly Lazy<Flags> s_current = new Lazy<Flags>(() =>
                {
                    var flags = new Flags();
                    flags.Load("flags.txt");
                    return flags;
                });

                public static Flags Current => s_current.Value;
            }
            """);

    [Fact]
    public Task Filling_under_the_lock_without_an_unlocked_check_is_silent()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public static class Provider
            {
                private static readonly object s_gate = new object();
                private static Flags? s_current;

                public static Flags Current
                {
                    get
                    {
                        lock (s_gate)
                        {
                            if (s_current == null)
                            {
                                s_current = new Flags();
                                s_current.Load("flags.txt");
                            }

                            return s_current;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Checks_of_another_field_are_silent()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private Flags? _current;
                private Flags? _next;

                public Flags Current()
                {
                    if (_next == null)
                    {
                        lock (_gate)
                        {
                            if (_current == null)
                            {
                                _current = new Flags();
                                _current.Load("flags.txt");
                            }
                        }
                    }

                    return _current!;
                }
            }
            """);

    [Theory]
    [InlineData("System.Threading.Monitor.Enter(_gate);\n            try", "finally { System.Threading.Monitor.Exit(_gate); }")]
    [InlineData("_semaphore.Wait();\n            try", "finally { _semaphore.Release(); }")]
    [InlineData("_rw.EnterWriteLock();\n            try", "finally { _rw.ExitWriteLock(); }")]
    public Task Region_of_an_acquire_by_call_released_in_finally_is_checked_like_a_lock(string acquireThenTry, string release)
        => Verify.VerifyAnalyzerAsync(Flags + $$"""
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private readonly System.Threading.SemaphoreSlim _semaphore = new System.Threading.SemaphoreSlim(1, 1);
                private readonly System.Threading.ReaderWriterLockSlim _rw = new System.Threading.ReaderWriterLockSlim();
                private Flags? _current;

                public Flags Current()
                {
                    if ({|#2:_current == null|})
                    {
                        {{acquireThenTry}}
                        {
                            if (_current == null)
                            {
                                {|#0:_current = new Flags()|};
                                {|#1:_current.Load("flags.txt")|};
                            }
                        }
                        {{release}}
                    }

                    return _current;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_current", "'Load' runs on it after the unlocked check", "20"));

    [Fact]
    public Task Enter_with_a_flag_as_the_first_statement_of_the_try_is_checked_like_a_lock()
        => Verify.VerifyAnalyzerAsync(Flags + """
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private Flags? _current;

                public Flags Current()
                {
                    if (_current != null)
                    {
                        return _current;
                    }

                    var taken = false;
                    try
                    {
                        System.Threading.Monitor.Enter(_gate, ref taken);
                        if (_current == null)
                        {
                            {|FL1007:_current = new Flags()|};
                            _current.Source = "flags.txt";
                        }
                    }
                    finally
                    {
                        if (taken) System.Threading.Monitor.Exit(_gate);
                    }

                    return _current;
                }
            }
            """);

    [Theory]
    [InlineData("System.Threading.Monitor.Exit(_gate);")]
    [InlineData("_signal.Wait();")]
    [InlineData("Console.WriteLine();")]
    public Task A_call_that_takes_no_lock_before_the_try_is_silent(string call)
        => Verify.VerifyAnalyzerAsync(Flags + $$"""
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private readonly System.Threading.SemaphoreSlim _signal = new System.Threading.SemaphoreSlim(0);
                private Flags? _current;

                public Flags Current()
                {
                    if (_current == null)
                    {
                        {{call}}
                        try
                        {
                            if (_current == null)
                            {
                                _current = new Flags();
                                _current.Load("flags.txt");
                            }
                        }
                        finally { }
                    }

                    return _current;
                }
            }
            """);

    [Fact]
    public Task Fix_in_the_region_of_Monitor_Enter_fills_a_local_first()
        => Verify.VerifyCodeFixAsync(
            Flags + """
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private Flags? _current;

                public Flags Current()
                {
                    if (_current == null)
                    {
                        System.Threading.Monitor.Enter(_gate);
                        try
                        {
                            if (_current == null)
                            {
                                {|FL1007:_current = new Flags()|};
                                _current.Load("flags.txt");
                            }
                        }
                        finally
                        {
                            System.Threading.Monitor.Exit(_gate);
                        }
                    }

                    return _current;
                }
            }
            """,
            Flags + """
            public sealed class Provider
            {
                private readonly object _gate = new object();
                private Flags? _current;

                public Flags Current()
                {
                    if (_current == null)
                    {
                        System.Threading.Monitor.Enter(_gate);
                        try
                        {
                            if (_current == null)
                            {
                                var current = new Flags();
                                current.Load("flags.txt");
                                _current = current;
                            }
                        }
                        finally
                        {
                            System.Threading.Monitor.Exit(_gate);
                        }
                    }

                    return _current;
                }
            }
            """);
    [Fact]
    public Task Publishing_then_passing_to_a_method_that_fills_it_is_flagged_and_fixed()
        => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            public sealed class PluginRegistry
            {
                private readonly object _loadLock = new object();
                private List<string>? _plugins;

                public IReadOnlyList<string> Plugins
                {
                    get
                    {
                        if ({|#2:_plugins == null|})
                        {
                            lock (_loadLock)
                            {
                                if (_plugins == null)
                                {
                                    {|#0:_plugins = new List<string>()|};
                                    {|#1:Load(_plugins)|};
                                }
                            }
                        }

                        return _plugins;
                    }
                }

                private static void Load(List<string> target)
                {
                    foreach (var name in new[] { "a", "b" }) target.Add(name);
                }
            }
            """,
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_plugins", "'Load' fills it after the unlocked check", "12")],
            """
            using System.Collections.Generic;

            public sealed class PluginRegistry
            {
                private readonly object _loadLock = new object();
                private List<string>? _plugins;

                public IReadOnlyList<string> Plugins
                {
                    get
                    {
                        if (_plugins == null)
                        {
                            lock (_loadLock)
                            {
                                if (_plugins == null)
                                {
                                    var plugins = new List<string>();
                                    Load(plugins);
                                    _plugins = plugins;
                                }
                            }
                        }

                        return _plugins;
                    }
                }

                private static void Load(List<string> target)
                {
                    foreach (var name in new[] { "a", "b" }) target.Add(name);
                }
            }
            """);

    [Fact]
    public Task Publishing_then_passing_to_a_method_that_only_reads_it_is_quiet()
        => CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            public sealed class PluginRegistry
            {
                private readonly object _loadLock = new object();
                private List<string>? _plugins;

                public IReadOnlyList<string> Plugins
                {
                    get
                    {
                        if (_plugins == null)
                        {
                            lock (_loadLock)
                            {
                                if (_plugins == null)
                                {
                                    _plugins = new List<string> { "a", "b" };
                                    Log(_plugins);
                                }
                            }
                        }

                        return _plugins;
                    }
                }

                private static void Log(List<string> loaded) => Console.WriteLine(loaded.Count);
            }
            """);
}
