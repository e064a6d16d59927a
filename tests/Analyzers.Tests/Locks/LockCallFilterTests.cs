using System.Text;
using Forklift.Analyzers.Locks;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using FinallyVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer>;
using ReleaseVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.ReleaseWithoutAcquireAnalyzer>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>
/// The lock rules skip a file whose text names no lock method (<see cref="LockCallText.Positions"/>), bind
/// only invocations written with such a name, classify a call only when its method's name is one a lock API can have
/// (<see cref="LockApis.IsLockMethodName"/>), and collect a block's lock calls only when one of its invocations is a
/// lock call. These tests pin that none of these shortcuts loses a finding, and that generated code stays skipped.
/// </summary>
public class LockCallFilterTests
{
    private static readonly string[] LockTypes =
    [
        "System.Threading.Monitor", "System.Threading.Lock", "System.Threading.SemaphoreSlim", "System.Threading.Semaphore",
        "System.Threading.Mutex", "System.Threading.ReaderWriterLockSlim", "System.Threading.ReaderWriterLock", "System.Threading.SpinLock",
    ];

    /// <summary>Every method name the classifier recognizes on the lock types, sorted (checked by the probe below).</summary>
    private static readonly string[] FilterNames =
    [
        "AcquireReaderLock", "AcquireWriterLock", "Enter", "EnterReadLock", "EnterUpgradeableReadLock", "EnterWriteLock", "Exit",
        "ExitReadLock", "ExitUpgradeableReadLock", "ExitWriteLock", "Release", "ReleaseMutex", "ReleaseReaderLock", "ReleaseWriterLock",
        "TryEnter", "TryEnterReadLock", "TryEnterUpgradeableReadLock", "TryEnterWriteLock", "Wait", "WaitAsync", "WaitOne",
    ];

    [Fact]
    public async Task Every_call_the_classifier_recognizes_passes_the_name_filter()
    {
        // Calls every public method of every lock type (inherited ones such as WaitHandle.WaitOne included), each
        // overload picked exactly by casting its arguments, and classifies them with and without the name filter.
        var references = await TestReferences.Net90.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var probe = CSharpCompilation.Create("Probe", references: references);
        var source = new StringBuilder("#pragma warning disable\nclass Probe\n{\n");
        var count = 0;
        foreach (var typeName in LockTypes)
        {
            var type = probe.GetTypeByMetadataName(typeName);
            Assert.NotNull(type);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Public && !method.IsGenericMethod
                        && method.Parameters.All(p => p.Type.TypeKind != TypeKind.Pointer))
                    {
                        source.Append(Call(type!, method, count++));
                    }
                }
            }
        }

        source.Append("}\n");
        var compilation = probe.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest)))
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var apis = LockApis.Create(compilation);
        Assert.NotNull(apis);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var recognized = new SortedSet<string>(StringComparer.Ordinal);
        var invocations = 0;
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
        {
            var invocation = Assert.IsAssignableFrom<IInvocationOperation>(model.GetOperation(node));
            invocations++;
            var name = invocation.TargetMethod.Name;
            if (apis!.ClassifyByType(invocation) is not null)
            {
                recognized.Add(name);
                Assert.True(LockApis.IsLockMethodName(name), $"'{invocation.TargetMethod.ToDisplayString()}' is a lock call, but the name filter rejects '{name}'");
                Assert.NotNull(apis.Classify(invocation));
            }
            else
            {
                Assert.Null(apis.Classify(invocation));
            }
        }

        // The probe really called the lock APIs: every name the filter accepts was recognized at least once.
        Assert.Equal(count, invocations);
        Assert.Equal(FilterNames, recognized);
    }

    [Fact]
    public void Every_lock_method_name_keeps_a_file_in_the_text_pre_check()
    {
        foreach (var name in FilterNames)
        {
            Assert.True(LockApis.IsLockMethodName(name), name);
            Assert.True(MayCallALock(SourceText.From($"class C {{ void M() {{ x.{name}(); }} }}")), name);
        }
    }

    [Theory]
    [InlineData("Dispose")]
    [InlineData("EnterScope")]
    [InlineData("WaitAll")]
    [InlineData("ReleaseLock")]
    [InlineData("Ent")]
    [InlineData("")]
    public void Other_names_are_rejected(string name) => Assert.False(LockApis.IsLockMethodName(name));

    [Theory]
    [InlineData("class C { void M() { _gate.Wait(); } }")]
    [InlineData("class C { void M() { Monitor.TryEnter(o, ref taken); } }")]
    [InlineData("class C { void M() { rw.ExitUpgradeableReadLock(); } }")]
    [InlineData("class C { void M() { _gate.\\u0057ait(); } }")]
    [InlineData("class C { void M() { @Release(); } }")]
    public void Text_that_may_call_a_lock_is_kept(string source)
        => Assert.True(MayCallALock(SourceText.From(source)));

    [Theory]
    [InlineData("class C { void M() { Task.WaitAll(tasks); Task.Delay(1).Wait2(); Entering(); Exiting(); } }")]
    [InlineData("class C { async Task M() { await Task.Delay(1); } }")]
    [InlineData("")]
    public void Text_without_a_lock_method_name_is_skipped(string source)
        => Assert.False(MayCallALock(SourceText.From(source)));

    [Fact]
    public void Every_lock_method_name_contains_a_stem_the_text_scan_searches_for()
    {
        foreach (var name in LockCallText.Names)
        {
            Assert.Contains(LockCallText.Stems, stem => name.Contains(stem, StringComparison.Ordinal));
        }

        Assert.Equal(FilterNames, LockCallText.Names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void The_stem_search_finds_exactly_the_words_a_word_by_word_scan_finds()
    {
        // The scan searches for stems and looks at the whole word around each; a plain word-by-word scan is the
        // definition it must agree with, on texts built from names, near-misses, the keyword, escapes and separators.
        string[] pieces =
        [
            "Wait", "WaitAsync", "WaitAll", "Waiter", "_Wait", "Wait1", "TryEnter", "Entering", "EnterScope", "Exit", "Exiting",
            "Release", "ReleaseMutex", "ReleaseLock", "AcquireWriterLock", "Acquire", "lock", "Lock", "block", "locks", "_lock",
            "\\u0057ait", "\\", "u", "é", "ü", ".", " ", "(", ")", ";", "\n", "\"", "/", "@", "1", "x", "Ent", "er", "Wa", "it",
        ];
        var random = new Random(20261129);
        for (var i = 0; i < 5000; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 8);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var source = SourceText.From(text.ToString());
            var expected = WordStarts(text.ToString(), word => LockCallText.Names.Contains(word) || word == "lock");
            var found = LockCallText.Positions(source);
            Assert.True(found is null ? HasEscape(text.ToString()) : !HasEscape(text.ToString()) && expected.SequenceEqual(found),
                $"'{text}': expected [{string.Join(", ", expected)}], found [{(found is null ? "null" : string.Join(", ", found))}]");
        }
    }

    /// <summary>Whether the text may call a lock method, as the lock rules' text search says: it names one, or it holds
    /// a Unicode escape (which can spell one).</summary>
    private static bool MayCallALock(SourceText source)
    {
        var text = source.ToString();
        return LockCallText.Positions(source) is not { } positions
               || positions.Exists(at => LockCallText.Names.Contains(WordAt(text, at)));
    }

    /// <summary>Where the words of <paramref name="text"/> that <paramref name="wanted"/> accepts start, read word by word.</summary>
    private static List<int> WordStarts(string text, Func<string, bool> wanted)
    {
        var starts = new List<int>();
        WordByWord.Any(text.Replace('\\', ' '), (_, start, length) =>
        {
            if (wanted(text.Substring(start, length)))
            {
                starts.Add(start);
            }

            return false;
        });
        return starts;
    }

    private static string WordAt(string text, int start)
    {
        var end = start;
        while (end < text.Length && SourceWords.IsAsciiWordChar(text[end]))
        {
            end++;
        }

        return text.Substring(start, end - start);
    }

    private static bool HasEscape(string text) => WordByWord.HasEscape(text);

    [Theory]
    [InlineData("class C { object _o = new(); void M() { lock (_o) { } } }", true)]
    [InlineData("class C { void M() { _gate.Wait(); Task.WaitAll(); } }", true)]
    [InlineData("class C { void M() { Task.WaitAll(); } } // Wait in a comment only", false)]
    [InlineData("class C { void M() { Run(); } }", false)]
    public void The_shared_file_index_holds_lock_statements_and_lock_named_calls_only(string source, bool any)
    {
        var tree = CSharpSyntaxTree.ParseText(source);

        var nodes = LockSyntax.Of(tree, CancellationToken.None).Nodes;

        Assert.Equal(any, !nodes.IsEmpty);
        Assert.All(nodes, node => Assert.True(
            node is Microsoft.CodeAnalysis.CSharp.Syntax.LockStatementSyntax
            || (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call && LockApis.IsLockMethodName(LockCallText.InvokedName(call.Expression)!))));
        Assert.Same(LockSyntax.Of(tree, CancellationToken.None), LockSyntax.Of(tree, CancellationToken.None));
    }

    [Fact]
    public void The_shared_file_index_read_at_the_words_equals_a_walk_of_every_node_in_order()
    {
        // LockSyntax reads only the tokens at lock words; on generated files, its nodes must be the nodes a walk of
        // every node keeps, in the walk's order.
        string[] statements =
        [
            "lock (_o) { }", "lock/* c */(_o) { Work(); }", "_gate.Wait();", "a.Wait().Release();", "Monitor.Enter(x.Wait());", "x?.Wait();",
            "@Enter();", "Enter<int>();", "// Enter\nWork();", "/* Wait */ Enter();", "var s = \"lock Wait\";", "Task.WaitAll();",
            "_rw.EnterReadLock(); _rw.ExitReadLock();", "Action a = _gate.Wait;", "Waiter.Run();", "int Release = 1;", "M(() => _gate.Release());",
            "System.Threading.Monitor.Exit(_o);", "_m.WaitOne(); _m.ReleaseMutex();", "TryEnter();", "var @lock = 1;",
        ];
        var random = new Random(20261132);
        var compared = 0;
        for (var i = 0; i < 1500; i++)
        {
            var body = new StringBuilder();
            for (var j = random.Next(0, 7); j > 0; j--)
            {
                body.Append(statements[random.Next(statements.Length)]).Append('\n');
            }

            var tree = CSharpSyntaxTree.ParseText($"class C {{ object _o; void M() {{\n{body}}} void Work() {{ }} }}");
            var walked = tree.GetRoot().DescendantNodes().Where(node =>
                node is Microsoft.CodeAnalysis.CSharp.Syntax.LockStatementSyntax
                || (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call
                    && LockCallText.InvokedName(call.Expression) is { } name && LockApis.IsLockMethodName(name))).ToList();

            var found = LockSyntax.Of(tree, CancellationToken.None).Nodes;

            Assert.True(walked.SequenceEqual(found), $"walked {walked.Count}, found {found.Length} in '{body}'");
            compared += walked.Count;
        }

        Assert.True(compared > 2000, $"only {compared} nodes compared");
    }

    [Fact]
    public Task Lock_method_name_written_with_a_unicode_escape_is_found()
        => FinallyVerify.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                private readonly object _gate = new object();

                void M()
                {
                    [|Monitor.\u0045nter(_gate)|];
                    Work();
                    Monitor.Exit(_gate);
                }

                void Work() { }
            }
            """);

    [Fact]
    public Task Conditional_access_and_generic_receivers_are_bound()
        => new ReleaseVerify.Test
        {
            TestCode = """
                using System.Threading;

                class Holder<T> { public SemaphoreSlim Gate { get; } = new SemaphoreSlim(1, 1); }

                class C
                {
                    private readonly Holder<int> _holder = new Holder<int>();

                    void M()
                    {
                        try
                        {
                            _holder.Gate.Wait();
                            Work();
                        }
                        finally
                        {
                            [|_holder.Gate.Release()|];
                        }
                    }

                    void N(SemaphoreSlim? gate)
                    {
                        gate?.Wait();
                        try { Work(); } finally { gate?.Release(); }
                    }

                    void Work() { }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Code_marked_generated_is_not_analyzed()
        => new FinallyVerify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.CodeDom.Compiler;
                    using System.Threading;

                    [GeneratedCode("tool", "1.0")]
                    class Generated
                    {
                        private readonly object _gate = new object();

                        void M()
                        {
                            Monitor.Enter(_gate);
                            System.Console.WriteLine();
                            Monitor.Exit(_gate);
                        }
                    }

                    class Partly
                    {
                        private readonly object _gate = new object();

                        [GeneratedCode("tool", "1.0")]
                        void M()
                        {
                            Monitor.Enter(_gate);
                            System.Console.WriteLine();
                            Monitor.Exit(_gate);
                        }

                        void N()
                        {
                            [|Monitor.Enter(_gate)|];
                            System.Console.WriteLine();
                            Monitor.Exit(_gate);
                        }
                    }
                    """,
                    ("Generated.g.cs", """
                    // <auto-generated/>
                    using System.Threading;

                    class FromTool
                    {
                        private readonly object _gate = new object();

                        void M()
                        {
                            Monitor.Enter(_gate);
                            System.Console.WriteLine();
                            Monitor.Exit(_gate);
                        }
                    }
                    """),
                },
            },
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Monitor_through_using_static_is_found()
        => FinallyVerify.VerifyAnalyzerAsync("""
            using static System.Threading.Monitor;

            class C
            {
                private readonly object _gate = new object();

                void M()
                {
                    [|Enter(_gate)|];
                    Work();
                    Exit(_gate);
                }

                void Work() { }
            }
            """);

    [Fact]
    public Task Monitor_through_an_alias_is_found()
        => FinallyVerify.VerifyAnalyzerAsync("""
            using M = System.Threading.Monitor;

            class C
            {
                private readonly object _gate = new object();

                void Run()
                {
                    [|M.Enter(_gate)|];
                    Work();
                    M.Exit(_gate);
                }

                void Work() { }
            }
            """);

    [Fact]
    public Task Semaphore_through_a_type_alias_is_found()
        => new ReleaseVerify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Gate = System.Threading.SemaphoreSlim;

                class C
                {
                    private readonly Gate _gate = new Gate(1, 1);

                    async Task M()
                    {
                        try
                        {
                            await _gate.WaitAsync();
                            Work();
                        }
                        finally
                        {
                            [|_gate.Release()|];
                        }
                    }

                    void Work() { }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Every_acquire_of_a_block_is_reported_and_each_body_pairs_its_own_calls()
        => new FinallyVerify.Test
        {
            // Two acquires in the method share one collected set; the lambda and the local function are separate bodies.
            TestCode = """
                using System;
                using System.Threading;

                class C
                {
                    private readonly object _a = new object();
                    private readonly SemaphoreSlim _b = new SemaphoreSlim(1, 1);

                    void M()
                    {
                        [|Monitor.Enter(_a)|];
                        [|_b.Wait()|];
                        Work();
                        _b.Release();
                        Monitor.Exit(_a);

                        Action later = () =>
                        {
                            [|_b.Wait()|];
                            Work();
                            _b.Release();
                        };

                        void Local()
                        {
                            Monitor.Enter(_a);
                            try { Work(); } finally { Monitor.Exit(_a); }
                        }
                    }

                    void Work() { }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Acquires_in_initializers_constructors_and_accessors_are_found()
        => new FinallyVerify.Test
        {
            TestCode = """
                using System;
                using System.Threading;

                class C
                {
                    private static readonly object s_gate = new object();

                    private readonly Action _field = () =>
                    {
                        [|Monitor.Enter(s_gate)|];
                        Work();
                        Monitor.Exit(s_gate);
                    };

                    public C() : this(0)
                    {
                        [|Monitor.Enter(s_gate)|];
                        Work();
                        Monitor.Exit(s_gate);
                    }

                    private C(int _)
                    {
                    }

                    public int Value
                    {
                        get
                        {
                            [|Monitor.Enter(s_gate)|];
                            Work();
                            Monitor.Exit(s_gate);
                            return 0;
                        }
                    }

                    static void Work() { }
                }
                """,
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Acquire_in_top_level_statements_is_found()
        => new FinallyVerify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading;

                    var gate = new object();
                    [|Monitor.Enter(gate)|];
                    System.Console.WriteLine();
                    Monitor.Exit(gate);
                    """,
                },
                OutputKind = OutputKind.ConsoleApplication,
            },
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task Methods_of_other_types_with_lock_names_are_not_lock_calls()
        => FinallyVerify.VerifyAnalyzerAsync("""
            class Door
            {
                public void Enter() { }
                public void Exit() { }
                public bool Wait() => true;
                public void Release() { }
            }

            class C
            {
                void M(Door door)
                {
                    door.Enter();
                    door.Wait();
                    Work();
                    door.Release();
                    door.Exit();
                }

                void Work() { }
            }
            """);

    private static string Call(INamedTypeSymbol type, IMethodSymbol method, int index)
    {
        var text = new StringBuilder();
        var parameterList = type.IsStatic ? "" : $"{type.ToDisplayString()} instance";
        text.Append($"    void Call{index}({parameterList})\n    {{\n");
        var arguments = new List<string>();
        foreach (var parameter in method.Parameters)
        {
            var parameterType = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            switch (parameter.RefKind)
            {
                case RefKind.Ref:
                case RefKind.In:
                case RefKind.RefReadOnlyParameter:
                    text.Append($"        {parameterType} p{parameter.Ordinal} = default!;\n");
                    arguments.Add($"{(parameter.RefKind == RefKind.Ref ? "ref" : "in")} p{parameter.Ordinal}");
                    break;
                case RefKind.Out:
                    arguments.Add($"out {parameterType} _");
                    break;
                default:
                    arguments.Add($"({parameterType})default!");
                    break;
            }
        }

        var receiver = method.IsStatic ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "instance";
        text.Append($"        {receiver}.{method.Name}({string.Join(", ", arguments)});\n    }}\n");
        return text.ToString();
    }
}
