using System.Text;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The text pre-checks that let a rule skip a file before walking or binding it. A check that says "no" wrongly
/// loses a report, so each is compared, on many generated texts, with the plain definition it must agree with.
/// </summary>
public class TextGateTests
{
    [Fact]
    public void Unicode_escapes_in_a_span_are_found_as_a_search_of_the_span_finds_them()
    {
        // The escapes of a text are found once and then asked about many spans: every answer must be that of a check
        // of each position of the span for an escape that starts there (its '\u' or '\U' inside the span; see WordByWord).
        string[] parts = ["a", "\\u0041", "\\U00000041", "\\\\", "\\n", "u", "\\", " ", "x\\u", "'", "\\u00", "\\U0041"];
        var random = new Random(20261133);
        var (escaped, clean) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => parts[random.Next(parts.Length)]));
            var start = random.Next(0, text.Length + 1);
            var span = TextSpan.FromBounds(start, random.Next(start, text.Length + 1));
            var expected = Enumerable.Range(span.Start, Math.Max(0, span.Length - 1)).Any(at => WordByWord.IsEscapeAt(text, at));

            Assert.True(expected == SourceWords.HasUnicodeEscape(text, span), $"'{text}' {span}: expected {expected}");
            Assert.Equal(WordByWord.HasEscape(text), SourceWords.HasUnicodeEscape(text));
            (escaped, clean) = expected ? (escaped + 1, clean) : (escaped, clean + 1);
        }

        Assert.True(escaped > 300 && clean > 300, $"{escaped} spans with an escape, {clean} without");
    }

    [Theory]
    [InlineData(@"char c = '\u2028';", false)] // a character literal of one escape (NLog's XmlHelper)
    [InlineData(@"string s = ""\\u0041"";", false)] // after another backslash: a string's
    [InlineData(@"string s = ""\\u{0:x4}"";", false)] // not followed by hexadecimal digits
    [InlineData(@"const string Prefix = @""\\?\UNC\"";", false)]
    [InlineData(@"Task.\u0052un(() => { });", true)]
    [InlineData(@"var \U00000041 = 1;", true)]
    [InlineData(@"string s = ""\u0041"";", true)] // in a string, but the text alone cannot tell: read as one
    public void Only_escapes_that_can_spell_an_identifier_count(string text, bool escaped)
        => Assert.Equal(escaped, SourceWords.HasUnicodeEscape(text));

    [Theory]
    [InlineData(@"class C { void M() { var s = ""\u0041""; } }", "M", false)] // in a string: the text alone reads it as one (above)
    [InlineData(@"class C { void M() { /* \u0041 */ } }", "M", false)] // in a comment
    [InlineData(@"class C { void M() { var s = @""\u0041"" + $""{1}\u0041""; } }", "M", false)] // in a verbatim and an interpolated string
    [InlineData(@"class C { void M() { Task.\u0052un(() => { }); } }", "M", true)]
    [InlineData(@"class C { void \u004D() { } }", "M", true)] // the declared name itself
    [InlineData(@"class C { void M() { } void N() { var \u0041 = 1; } }", "M", false)] // in another member
    [InlineData(@"class C { void M() { } void N() { var \u0041 = 1; } }", "N", true)]
    public void With_the_tree_only_escapes_inside_an_identifier_or_keyword_count(string code, string member, bool escaped)
    {
        var tree = CSharpSyntaxTree.ParseText(code);
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == member);

        Assert.True(SourceWords.HasUnicodeEscape(SourceWords.TextOf(tree.GetText()))); // the text alone counts every case's escape
        Assert.Equal(escaped, SourceWords.HasEscapedIdentifier(tree, method.Span, CancellationToken.None));

        // Either way the name lookup finds the method's own name, spelled plainly or with the escape.
        Assert.Contains(SourceWords.IdentifiersNamed(method, member), token => token == method.Identifier);
    }

    [Fact]
    public void The_word_search_finds_exactly_the_words_a_word_by_word_scan_finds()
    {
        string[] words = ["Run", "For", "lock", "Lock", "new"];
        string[] pieces =
        [
            "Run", "Runs", "_Run", "Run1", "For", "Format", "ForEach", "lock", "block", "locks", "Lock", "Locker", "new", "renew",
            "\\u0052un", "\\", "u", "U", "é", "ü", ".", " ", "(", ")", ";", "\n", "\"", "/", "@", "1", "x", "Ru", "n", "Fo", "r", "lo", "ck",
        ];
        var random = new Random(20261129);
        for (var i = 0; i < 5000; i++)
        {
            var text = Generate(random, pieces, 8);
            var source = SourceText.From(text);
            Assert.True(
                WordByWord.AnyOf(source, words) == SourceWords.Any(source, words),
                $"'{text}': word by word {WordByWord.AnyOf(source, words)}, searched {SourceWords.Any(source, words)}");

            // Within a span: the words of the whole text that lie inside it (a word cut by the span's edge is not one).
            var from = random.Next(text.Length + 1);
            var span = new TextSpan(from, random.Next(text.Length - from + 1));
            var inSpan = Enumerable.Range(span.Start, Math.Max(0, span.Length - 1)).Any(at => WordByWord.IsEscapeAt(text, at));
            var expectedInSpan = inSpan || WordByWord.Any(text.Replace("\\u", "\\_").Replace("\\U", "\\_"), (t, start, length) =>
                start >= span.Start && start + length <= span.End && words.Any(word => word.Length == length && string.CompareOrdinal(t, start, word, 0, length) == 0));
            Assert.True(expectedInSpan == SourceWords.Any(source, span, words), $"'{text}' in {span}: expected {expectedInSpan}");

            // With a condition on each occurrence: here, that the next character opens a parenthesis.
            static bool BeforeParenthesis(string t, int start, int length) => start + length < t.Length && t[start + length] == '(';
            var expected = WordByWord.Any(text, (t, start, length) => (length == 3 && string.CompareOrdinal(t, start, "new", 0, 3) == 0) && BeforeParenthesis(t, start, length));
            Assert.True(expected == SourceWords.Any(source, ["new"], BeforeParenthesis), $"'{text}': 'new(' expected {expected}");
        }
    }

    [Fact]
    public void A_text_may_hold_every_word_a_word_by_word_scan_finds_and_seldom_any_other()
    {
        // The one pass that hashes a text's words answers "not here" for the searches of every rule: it must never say
        // so of a word the text holds, and should say so of the others (two words sharing a hash only cost a search).
        string[] words = ["Run", "For", "lock", "Lock", "new", "é", "Run(", "_", "x1"];
        string[] pieces = ["Run", "Runs", "_Run", "For", "Format", "lock", "block", "Lock", "new", "renew", "é", "ü", ".", " ", "(", "_", "x", "1", "\n"];
        var random = new Random(20261130);
        var (held, notHeld) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var text = Generate(random, pieces, 8);
            foreach (var word in words)
            {
                var isWord = word.All(SourceWords.IsAsciiWordChar);
                var holds = WordByWord.Any(text, (t, start, length) => length == word.Length && string.CompareOrdinal(t, start, word, 0, length) == 0);
                var mayHold = SourceWords.MayHold(text, word);
                Assert.True(mayHold || (isWord && !holds), $"'{text}': '{word}' is held but the hashes say no");
                if (isWord && !holds)
                {
                    (held, notHeld) = mayHold ? (held + 1, notHeld) : (held, notHeld + 1);
                }
            }
        }

        Assert.True(notHeld > 1000 && held == 0, $"{notHeld} absent words answered 'not here', {held} answered 'may hold'");
    }

    [Theory]
    [InlineData("d[k]++;")]
    [InlineData("d[k] --;")]
    [InlineData("d[k] += 2;")]
    [InlineData("d[k]\n    -= 2;")]
    [InlineData("(d[k])!++;")]
    [InlineData("d[k] ??= 1;")]
    [InlineData("d[k] <<= 1;")]
    [InlineData("d[k] >>>= 1;")]
    [InlineData("d[k] |= 1;")]
    [InlineData("d[k] = d[k] + 1;")]
    [InlineData("d[k] = Compute(() => { var y = 1; return y; });")]
    [InlineData("++d[k];")]
    [InlineData("-- this.counts [k];")]
    [InlineData("++(d[k]);")]
    [InlineData("d[k] /* note */ += 1;")]
    [InlineData("d[k] = \\u0064[k] + 1;")]
    [InlineData("d[k] = \";\" + d[k];")]
    [InlineData("d[k] = ';' + d[k];")]
    public void Text_with_an_element_update_is_kept(string statement)
        => Assert.True(ConcurrentDictionaryCandidates.MayContainElementUpdates(SourceText.From(InMethod(statement))));

    [Theory]
    [InlineData("buffer[i] = bytes;")]
    [InlineData("names[i] = name.Trim(); count++; --left;")]
    [InlineData("if (d[k] == 1 && d[j] >= 2 && d[i] > 3) { }")]
    [InlineData("var x = d[k] + d[j] - 1;")]
    [InlineData("Action a = () => d[k].Run(); total += 1;")]
    [InlineData("")]
    public void Text_without_an_element_update_is_skipped(string statement)
        => Assert.False(ConcurrentDictionaryCandidates.MayContainElementUpdates(SourceText.From(InMethod(statement))));

    [Fact]
    public void The_element_update_check_keeps_every_text_whose_syntax_has_an_update_the_rule_reads()
    {
        // Statements built from tokens with random white space and comments between them: updates of every operator
        // on element targets of several shapes, values that do or do not read an element, and look-alikes.
        string[] targets = ["d[k]", "(d[k])", "d[k]!", "this.d[k]", "o.d[k]", "d[k][j]", "d[(int)k]", "d?.e[k]", "x", "o.x"];
        string[] assignments = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>=", "??="];
        string[] values = ["1", "d[k] + 1", "d[k]", "(d[k]) * 2", "x", "\";\" + d[k]", "';' + d[k]", "F(() => { var y = 1; return d[k]; })", "F(() => { return 1; })", "new[] { 1 }", "e[k]"];
        string[] others = ["if (d[k] == 1) { }", "var t = d[k] >= 2;", "F(d[k]);", "y = x > 1 ? d[k] : 0;", "i++;", "--j;"];
        var random = new Random(20261130);
        var (updates, skipped) = (0, 0);
        for (var i = 0; i < 4000; i++)
        {
            var statement = random.Next(6) switch
            {
                0 => Tokens(random, Pick(random, targets), "++", ";"),
                1 => Tokens(random, Pick(random, targets), "--", ";"),
                2 => Tokens(random, random.Next(2) == 0 ? "++" : "--", Pick(random, targets), ";"),
                3 => Tokens(random, Pick(random, others)),
                _ => Tokens(random, Pick(random, targets), Pick(random, assignments), Pick(random, values), ";"),
            };
            var text = InMethod(statement);
            var tree = CSharpSyntaxTree.ParseText(text);
            Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
            var read = tree.GetRoot().DescendantNodes().Where(node =>
                ConcurrentDictionaryCompoundOperationAnalyzer.UpdateKinds.Contains((SyntaxKind)node.RawKind)
                && ConcurrentDictionaryCandidates.UpdatedElement(node) is not null).ToList();
            var positions = ConcurrentDictionaryCandidates.ElementUpdatePositions(SourceText.From(text));
            var kept = positions is not { Count: 0 };
            foreach (var node in read)
            {
                // The rule reads only the nodes around the positions: each update must hold one.
                Assert.True(positions is null || positions.Exists(node.Span.Contains), $"an update the rule reads, but no position is inside it: '{node}' in '{text}'");
            }

            var hasUpdate = read.Count > 0;
            updates += hasUpdate ? 1 : 0;
            skipped += kept ? 0 : 1;
        }

        // Both answers must occur, or the generator no longer tests the check.
        Assert.True(updates > 1000 && skipped > 500, $"{updates} texts with an update, {skipped} skipped");
    }

    [Fact]
    public void Every_checked_dictionary_condition_holds_a_position_the_check_then_act_text_search_finds()
    {
        // FL1005 reads only the 'if' statements and conditional expressions around each 'ContainsKey'/'TryGetValue' in
        // the text: every condition the rule reads as a check must hold one of those positions.
        string[] conditions =
        [
            "!d.ContainsKey(k)", "d.TryGetValue(k, out var v)", "!this.d.@ContainsKey(k)", "(d.ContainsKey(k)) == false", "x > 1",
            "d /* ContainsKey */ .TryGetValue(k, out _)", "o.d.TryGetValue(k, out var w) != true", "!(d.ContainsKey(k))", "F(\"ContainsKey\")",
        ];
        string[] shapes = ["if ({0}) {{ d[k] = 1; }}", "var r = {0} ? 1 : 2;", "if (a) {{ if ({0}) d.Add(k, 1); }} else {{ }}", "while ({0}) {{ }}"];
        var random = new Random(20261134);
        var checks = 0;
        for (var i = 0; i < 2000; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => string.Format(Pick(random, shapes), Pick(random, conditions)) + "\n"));
            var text = InMethod(body);
            var tree = CSharpSyntaxTree.ParseText(text);
            var positions = SourceWords.Positions(SourceText.From(text), ["ContainsKey", "TryGetValue"]);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var condition = node switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax statement => statement.Condition,
                    Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax conditional => conditional.Condition,
                    _ => null,
                };
                if (condition is null || ConcurrentDictionaryCandidates.CheckedDictionary(condition) is null)
                {
                    continue;
                }

                checks++;
                Assert.True(positions is null || positions.Exists(condition.Span.Contains), $"a check the rule reads, but no position is in its condition: '{condition}'");
            }
        }

        Assert.True(checks > 1000, $"only {checks} checks");
    }

    [Fact]
    public void Candidates_found_from_the_words_are_exactly_those_a_walk_of_every_node_finds_in_the_same_order()
    {
        string[] statements =
        [
            "Task.Run(() => x++);", "Task.Factory.StartNew(Work);", "Parallel.For(0, n, i => { total += i; });",
            "Parallel.ForEach<int>(items, i => Use(i));", "var q = items.AsParallel().Where(i => i > 0).Select(i => i * 2);",
            "var t = new Thread(Work);", "var u = new System.Threading.Timer(Tick);", "Thread v = new(Work);", "List<int> w = new();",
            "timer.Elapsed += OnTick;", "handler?.Invoke();", "list.ForEach(i => { });", "ThreadPool.QueueUserWorkItem(_ => Work());",
            "await Task.WhenAll(a, b);", "Task.WaitAll(tasks);", "/* Task.Run(Work); */", "var s = \"Parallel.For\";", "@Run();",
            "Use(() => items.AsParallel().ForAll(i => Use(i)));", "Task.Run(() => Parallel.Invoke(A, B));", "Format(\"{0}\", Forklift);",
            "Task.\\u0052un(Work);", "#if DEBUG\nTask.Run(Work);\n#endif\n",
        ];
        var random = new Random(20261131);
        for (var i = 0; i < 2000; i++)
        {
            var body = new StringBuilder();
            for (var j = random.Next(0, 6); j > 0; j--)
            {
                body.Append(Pick(random, statements)).Append('\n');
            }

            var text = $"using System.Threading; using System.Threading.Tasks; class C {{ async Task M() {{\n{body}}} }}";
            var tree = CSharpSyntaxTree.ParseText(text);
            var walked = tree.GetRoot().DescendantNodes().Where(ConcurrentEntryFinder.IsCandidate).ToList();
            var found = ConcurrentEntryFinder.Candidates(tree.GetRoot(), tree.GetText());
            Assert.True(walked.SequenceEqual(found), $"walked {walked.Count}, found {found.Count} in '{text}'");
        }
    }

    [Fact]
    public void Method_facts_read_through_the_type_word_index_equal_the_facts_of_a_walk_of_every_method()
    {
        // The word index lets MethodSyntaxFacts read only the names at the synchronization words and own methods' names
        // in a method's text, and skip a method without any. On generated types, every fact read with the index must equal the fact read by walking
        // every method (constructors' deferred code included).
        string[] statements =
        [
            "list.Add(1);", "Interlocked.Increment(ref _n);", "lock (_sync) { }", "Action a = Helper;", "Helper();", "Func<int, int> f = x => x;",
            "Monitor.Enter(_sync);", "_sem.Wait();", "/* Helper lock */", "var s = \"lock Helper\";", "@Helper();", "H\\u0065lper();",
            "void Local() { }", "this.Helper();", "Other.Helper();", "Volatile.Write(ref _n, 1);", "_n++;", "nameof(Helper).ToString();",
            "var h = Helpers;", "Atomic.Add(ref _n, 1);", "writer.Write(1);", "delegate { }.Invoke();",
            "Helper<int>();", "this.@Helper();", "lock/* c */(_sync) { }", "// Helper\n", "Action b = this.Helper;", "x?.Add(1);", "Action c = @Helper;", "Interlocked.@Increment(ref _n);",
        ];
        var random = new Random(20261130);
        var source = new StringBuilder("using System; using System.Threading; using Atomic = System.Threading.Interlocked;\n");
        for (var t = 0; t < 150; t++)
        {
            source.Append($"partial class T{t} {{ int _n; object _sync = new object(); System.Collections.Generic.List<int> list = new(); SemaphoreSlim _sem = new(1); System.IO.TextWriter writer = null!;\n");
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var body = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, statements)));
                source.Append(random.Next(5) switch
                {
                    0 => $"  public T{t}() {{ {body} }}\n",
                    1 => $"  int P{m} {{ get {{ {body} return 0; }} }}\n",
                    2 => $"  static T{t}() {{ {body} }}\n",
                    _ => $"  void M{m}() {{ {body} }}\n",
                });
            }

            source.Append(random.Next(2) == 0 ? "  void Helper() { }\n" : string.Empty).Append("}\n");
            if (random.Next(4) == 0)
            {
                source.Append($"partial class T{t} {{ void Extra() {{ {Pick(random, statements)} }} }}\n");
            }
        }

        source.Append("static class Other { public static void Helper() { } }\n");
        var tree = CSharpSyntaxTree.ParseText(source.ToString());
        var compilation = CSharpCompilation.Create("gate", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var compared = 0;
        foreach (var type in compilation.GlobalNamespace.GetTypeMembers())
        {
            var methods = type.GetMembers().OfType<IMethodSymbol>().ToList();
            var names = new HashSet<string>(methods.Select(method => method.Name), StringComparer.Ordinal);
            var index = new WordIndex(type, MethodSyntaxFacts.Words.Concat(names), CancellationToken.None);
            foreach (var method in methods)
            {
                var walked = MethodSyntaxFacts.Of(method, names, _ => true, _ => true, _ => null, CancellationToken.None);
                var indexed = MethodSyntaxFacts.Of(method, names, _ => true, _ => true, index.WordsIn, CancellationToken.None);
                Assert.True(walked.Known == indexed.Known && walked.MaySynchronize == indexed.MaySynchronize && walked.MayReferenceOwnMethod == indexed.MayReferenceOwnMethod,
                    $"{method.ToDisplayString()}: walked {walked.MaySynchronize}/{walked.MayReferenceOwnMethod}, indexed {indexed.MaySynchronize}/{indexed.MayReferenceOwnMethod}");
                if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
                {
                    Assert.Equal(walked.HasDeferredCode, indexed.HasDeferredCode);
                }

                compared++;
            }
        }

        Assert.True(compared > 400, $"only {compared} methods compared");
    }

    [Fact]
    public void Method_facts_say_may_synchronize_wherever_binding_finds_a_synchronization_call()
    {
        // A method whose facts say it cannot synchronize is never bound to decide whether its type is concurrent, so a
        // wrong "no" loses reports. Unqualified calls of the type's own Write/Add/Enter/… are not synchronization,
        // even with 'using static' of Volatile, Interlocked and Monitor in scope; without an own method of that name
        // the same call is. On generated types, every method whose bound body calls Interlocked, Volatile or Monitor
        // must have MaySynchronize.
        string[] statements =
        [
            "Write(ref _n, 1);", "Add(ref _n, 1);", "Exchange(ref _n, 2);", "Enter(_sync);", "Increment(ref _n);", "Read(ref _n);",
            "this.Helper();", "Volatile.Write(ref _n, 1);", "_n++;", "System.Threading.Interlocked.Add(ref _n, 1);", "Helper();",
        ];
        string[] ownMethods =
        [
            "void Write(ref int x, int v) { }", "void Add(ref int x, int v) { }", "int Exchange(ref int x, int v) => v;",
            "void Enter(object o) { }", "void Increment(ref int x) { }", "int Read(ref int x) => x;",
        ];
        var random = new Random(20261134);
        var source = new StringBuilder("using System.Threading; using static System.Threading.Volatile; using static System.Threading.Interlocked; using static System.Threading.Monitor;\n");
        for (var t = 0; t < 150; t++)
        {
            source.Append($"class T{t} {{ int _n; object _sync = new object(); void Helper() {{ }}\n");
            foreach (var own in ownMethods.Where(_ => random.Next(2) == 0))
            {
                source.Append("  ").Append(own).Append('\n');
            }

            for (var m = random.Next(1, 6); m > 0; m--)
            {
                source.Append($"  void M{m}() {{ {string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, statements)))} }}\n");
            }

            source.Append("}\n");
        }

        var tree = CSharpSyntaxTree.ParseText(source.ToString());
        var compilation = CSharpCompilation.Create("facts", [tree], PlatformReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        var (synchronizing, ownCallsSkipped) = (0, 0);
        foreach (var type in compilation.GlobalNamespace.GetTypeMembers())
        {
            var methods = type.GetMembers().OfType<IMethodSymbol>().ToList();
            var names = new HashSet<string>(methods.Select(method => method.Name), StringComparer.Ordinal);
            foreach (var method in methods.Where(method => method.Name.Length == 2 && method.Name[0] == 'M' && char.IsDigit(method.Name[1])))
            {
                var facts = MethodSyntaxFacts.Of(method, names, _ => false, _ => false, _ => null, CancellationToken.None);
                var body = model.GetOperation(method.DeclaringSyntaxReferences[0].GetSyntax())!;
                var calls = body.Descendants().OfType<IInvocationOperation>().Select(call => call.TargetMethod).ToList();
                var synchronizes = calls.Any(target => target.ContainingType.Name is "Interlocked" or "Volatile" or "Monitor");
                Assert.True(!synchronizes || facts.MaySynchronize, $"{type.Name}.{method.Name} synchronizes but its facts say it cannot");
                synchronizing += synchronizes ? 1 : 0;
                ownCallsSkipped += !facts.MaySynchronize && calls.Any(target => target.ContainingType.Equals(type, SymbolEqualityComparer.Default) && names.Contains(target.Name) && target.Name != "Helper") ? 1 : 0;
            }
        }

        // Both sides were exercised: methods that synchronize through the imports, and methods whose own calls named
        // like Volatile.Write or Monitor.Enter were rightly left unbound.
        Assert.True(synchronizing > 50 && ownCallsSkipped > 50, $"synchronizing {synchronizing}, own calls skipped {ownCallsSkipped}");
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

    /// <summary>The tokens of <paramref name="parts"/> (split at spaces) with random white space or comments between them.</summary>
    private static string Tokens(Random random, params string[] parts)
    {
        string[] between = ["", "", " ", "\n    ", "/* c */", " // c\n", "\t"];
        var text = new StringBuilder();
        foreach (var token in string.Join(" ", parts).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (text.Length > 0 && SourceWords.IsAsciiWordChar(text[^1]) && SourceWords.IsAsciiWordChar(token[0]))
            {
                text.Append(' '); // two words stay two words
            }

            text.Append(token).Append(Pick(random, between));
        }

        return text.ToString();
    }

    private static string InMethod(string statements) => $"class C {{ void M() {{ {statements} }} }}";

    private static string Generate(Random random, string[] pieces, int most)
    {
        var text = new StringBuilder();
        var count = random.Next(0, most);
        for (var j = 0; j < count; j++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }
}
