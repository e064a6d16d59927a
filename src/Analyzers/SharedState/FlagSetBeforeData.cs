using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1007's second shape: a flag that tells readers the data is ready, set with <c>Volatile.Write</c> (or stored to a
/// <c>volatile</c> field) before the data itself is stored.
/// </summary>
/// <remarks>
/// <code>
/// Volatile.Write(ref _ready, true);   // a reader may see the flag here...
/// _curedCoats = count;                // ...and read these before they are stored
/// _curedAt = at;
/// </code>
/// A release write orders the stores before it, never the ones after. Reported when another member of the type checks
/// the flag the same way (<c>Volatile.Read</c>, or the <c>volatile</c> field) and reads one of those fields once it saw
/// the flag set: inside <c>if (flag)</c>, or after <c>if (!flag) return …;</c>. Found from syntax in the files that
/// name <c>Volatile</c> or <c>volatile</c>; only a candidate's names are bound.
/// <para>An <c>int</c> or <c>long</c> index or count published the same way before the slot it counts is stored
/// (<c>Volatile.Write(ref _head, head + 1); _slots[head &amp; _mask] = reading;</c>) is the same shape, when another
/// member compares <c>Volatile.Read(ref _head)</c> in an <c>if</c> and then reads the array.</para>
/// </remarks>
internal static class FlagSetBeforeData
{
    /// <summary>Set on this shape's diagnostics, for the code fix (move the flag's write after the stores).</summary>
    public const string ShapeProperty = "Shape";

    public const string FlagFirst = "FlagFirst";

    private static readonly string[] Words = ["Volatile", "volatile"];

    public static void Find(SemanticModelAnalysisContext file, DiagnosticDescriptor rule)
    {
        var tree = file.SemanticModel.SyntaxTree;
        if (!SourceWords.Any(tree.GetText(file.CancellationToken), Words))
        {
            return;
        }

        var root = tree.GetRoot(file.CancellationToken);
        foreach (var type in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
        {
            if (file.FilterSpan is not { } span || span.IntersectsWith(type.Span))
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                Analyze(type, file, rule);
            }
        }
    }

    private static void Analyze(TypeDeclarationSyntax type, SemanticModelAnalysisContext file, DiagnosticDescriptor rule)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var volatileFields = new HashSet<string>(StringComparer.Ordinal);
        var indexFields = new HashSet<string>(StringComparer.Ordinal);
        var arrayFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (declaration.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                continue;
            }

            foreach (var variable in declaration.Declaration.Variables)
            {
                fields.Add(variable.Identifier.ValueText);
                if (declaration.Modifiers.Any(SyntaxKind.VolatileKeyword))
                {
                    volatileFields.Add(variable.Identifier.ValueText);
                }

                if (declaration.Declaration.Type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.IntKeyword or (int)SyntaxKind.LongKeyword })
                {
                    indexFields.Add(variable.Identifier.ValueText);
                }
                else if (declaration.Declaration.Type is ArrayTypeSyntax)
                {
                    arrayFields.Add(variable.Identifier.ValueText);
                }
            }
        }

        if (fields.Count < 2)
        {
            return; // a flag and at least one field of data
        }

        foreach (var member in type.Members)
        {
            if (member is BaseTypeDeclarationSyntax or ConstructorDeclarationSyntax)
            {
                continue; // a constructor's stores happen before anyone else has the object
            }

            foreach (var block in member.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<BlockSyntax>())
            {
                for (var i = 0; i < block.Statements.Count; i++)
                {
                    var published = PublishedIndex(block.Statements[i], indexFields);
                    if ((SetFlag(block.Statements[i], fields, volatileFields) ?? published) is not { } flag)
                    {
                        continue;
                    }

                    var stores = StoresAfter(block, i, flag, fields, published is null ? null : arrayFields);
                    if (stores.Count == 0)
                    {
                        continue;
                    }

                    var isVolatile = volatileFields.Contains(flag);
                    if (!block.Ancestors().Any(static a => a is LockStatementSyntax))
                    {
                        if ((published is null ? Reader(type, member, flag, isVolatile, stores) : IndexReader(type, member, flag, stores)) is { } reader)
                        {
                            Report(file, rule, block.Statements[i], flag, stores, reader);
                        }
                    }
                    else if (published is not null)
                    {
                        continue; // readers of an index under the same lock see the slots it counts
                    }
                    else if (UnlockedFastPath(member, flag, isVolatile) is { } fastPath && EnsuringCaller(type, member, stores) is { } caller)
                    {
                        // Under a lock, the readers that take it see the stores too; but a double-checked 'EnsureLoaded'
                        // returns at 'if (_loaded) return;' without the lock, and its callers then read the data.
                        Report(file, rule, block.Statements[i], flag, stores, (caller.Member, fastPath, caller.Read));
                    }
                    else if (CheckingCaller(type, member, flag, isVolatile, stores) is { } checking)
                    {
                        // The callers check the flag themselves: 'if (!_loaded) Load(); return _table[key];' (set ak R15).
                        Report(file, rule, block.Statements[i], flag, stores, checking);
                    }
                }
            }
        }
    }

    /// <summary>The flag a statement sets to <c>true</c>: <c>Volatile.Write(ref F, true);</c> or <c>F = true;</c> of a volatile field.</summary>
    private static string? SetFlag(StatementSyntax statement, HashSet<string> fields, HashSet<string> volatileFields)
    {
        switch (statement)
        {
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when IsVolatileCall(call, "Write")
                                                                                                && call.ArgumentList.Arguments is { Count: 2 } arguments
                                                                                                && arguments[1].Expression.IsKind(SyntaxKind.TrueLiteralExpression)
                                                                                                && FieldName(arguments[0].Expression) is { } written
                                                                                                && fields.Contains(written):
                return written;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment }
                when assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression) && FieldName(assignment.Left) is { } stored && volatileFields.Contains(stored):
                return stored;
            default:
                return null;
        }
    }

    /// <summary>
    /// The field of an index or count a statement publishes: <c>Volatile.Write(ref _head, head + 1);</c> of an <c>int</c>
    /// or <c>long</c> field. A reader that sees the new value reads the slots up to it.
    /// </summary>
    private static string? PublishedIndex(StatementSyntax statement, HashSet<string> indexFields)
        => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } && IsVolatileCall(call, "Write")
           && call.ArgumentList.Arguments is { Count: 2 } arguments && !arguments[1].Expression.IsKind(SyntaxKind.NumericLiteralExpression)
           && FieldName(arguments[0].Expression) is { } written && indexFields.Contains(written)
            ? written
            : null;

    /// <summary>
    /// The plain stores of the type's other fields after the flag's write, in the same block; after an index's, also
    /// the stores into elements of the type's array fields (<c>_slots[head &amp; _mask] = reading;</c>).
    /// </summary>
    private static List<(ExpressionStatementSyntax Statement, string Field)> StoresAfter(BlockSyntax block, int flagAt, string flag, HashSet<string> fields, HashSet<string>? arrayFields)
    {
        var stores = new List<(ExpressionStatementSyntax, string)>();
        for (var j = flagAt + 1; j < block.Statements.Count; j++)
        {
            if (block.Statements[j] is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment } statement)
            {
                continue;
            }

            if (FieldName(assignment.Left) is { } stored && stored != flag && fields.Contains(stored))
            {
                stores.Add((statement, stored));
            }
            else if (arrayFields is not null && Unparenthesized(assignment.Left) is ElementAccessExpressionSyntax { Expression: var array }
                     && FieldName(array) is { } element && arrayFields.Contains(element))
            {
                stores.Add((statement, element));
            }
        }

        return stores;
    }

    /// <summary>
    /// Another member that reads the published index with <c>Volatile.Read</c> in the condition of an <c>if</c>
    /// (<c>if (tail == Volatile.Read(ref _head)) return false;</c>) and then reads a stored field, inside the <c>if</c> or,
    /// when the <c>if</c> leaves, after it (set bf R04, a ring whose writer publishes its head before it stores the slot).
    /// </summary>
    private static (MemberDeclarationSyntax Member, ExpressionSyntax Check, IdentifierNameSyntax Read)? IndexReader(
        TypeDeclarationSyntax type, MemberDeclarationSyntax writer, string index, List<(ExpressionStatementSyntax Statement, string Field)> stores)
    {
        var names = new HashSet<string>(stores.Select(s => s.Field), StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            if (member == writer || member is BaseTypeDeclarationSyntax)
            {
                continue;
            }

            foreach (var check in member.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax)).OfType<IfStatementSyntax>())
            {
                if (check.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(call => ReadsFlag(call, index, isVolatile: false)) is not { } read)
                {
                    continue;
                }

                IEnumerable<SyntaxNode> seen = check.Parent is BlockSyntax block && Exits(check.Statement)
                    ? block.Statements.SkipWhile(s => s != check).Skip(1)
                    : [check.Statement];
                if (FirstRead(seen, names) is { } identifier)
                {
                    return (member, read, identifier);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Another member that checks the flag the same way and then reads a stored field: the member, the check, and the
    /// read.
    /// </summary>
    private static (MemberDeclarationSyntax Member, ExpressionSyntax Check, IdentifierNameSyntax Read)? Reader(
        TypeDeclarationSyntax type, MemberDeclarationSyntax writer, string flag, bool isVolatile, List<(ExpressionStatementSyntax Statement, string Field)> stores)
    {
        var names = new HashSet<string>(stores.Select(s => s.Field), StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            if (member == writer || member is BaseTypeDeclarationSyntax)
            {
                continue;
            }

            foreach (var check in member.DescendantNodes().OfType<IfStatementSyntax>())
            {
                var condition = Unparenthesized(check.Condition);
                var negated = condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not;
                var read = negated ? Unparenthesized(((PrefixUnaryExpressionSyntax)condition).Operand) : condition;
                if (!ReadsFlag(read, flag, isVolatile))
                {
                    continue;
                }

                // Where the flag was seen set: the if's own statement, or what follows an 'if (!flag) return …;'.
                IEnumerable<SyntaxNode> seenSet = negated
                    ? check.Parent is BlockSyntax block && Exits(check.Statement) ? block.Statements.SkipWhile(s => s != check).Skip(1) : []
                    : [check.Statement];
                if (FirstRead(seenSet, names) is { } identifier)
                {
                    return (member, read, identifier);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The check of a double-checked initialization's fast path in <paramref name="member"/>: <c>if (flag) return;</c>
    /// outside any lock (set ad R11: <c>_loaded = true;</c> stored before <c>_drafts</c> under the lock).
    /// </summary>
    private static ExpressionSyntax? UnlockedFastPath(MemberDeclarationSyntax member, string flag, bool isVolatile)
    {
        foreach (var check in member.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax)).OfType<IfStatementSyntax>())
        {
            if (Unparenthesized(check.Condition) is var condition && ReadsFlag(condition, flag, isVolatile) && Exits(check.Statement))
            {
                return condition;
            }
        }

        return null;
    }

    /// <summary>
    /// A member that calls <paramref name="ensuring"/> (a method, by name, as a statement: <c>EnsureLoaded();</c>) and
    /// then reads one of the stored fields in the statements after the call.
    /// </summary>
    private static (MemberDeclarationSyntax Member, IdentifierNameSyntax Read)? EnsuringCaller(TypeDeclarationSyntax type, MemberDeclarationSyntax ensuring, List<(ExpressionStatementSyntax Statement, string Field)> stores)
        => FirstCallerThatReads<ExpressionStatementSyntax>(type, ensuring, stores, static _ => true, static (call, name) => Calls(call, name)) is var (member, _, read)
            ? (member, read)
            : null;

    /// <summary>
    /// A member that calls <paramref name="ensuring"/> only when it sees the flag clear (<c>if (!_loaded) Load();</c>,
    /// read the same way the flag is set) and then reads one of the stored fields in the statements after the check:
    /// having seen the flag set, it skips the lock and reads what may not be stored yet.
    /// </summary>
    private static (MemberDeclarationSyntax Member, ExpressionSyntax Check, IdentifierNameSyntax Read)? CheckingCaller(
        TypeDeclarationSyntax type, MemberDeclarationSyntax ensuring, string flag, bool isVolatile, List<(ExpressionStatementSyntax Statement, string Field)> stores)
    {
        return FirstCallerThatReads<IfStatementSyntax>(
                type,
                ensuring,
                stores,
                static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax),
                (check, name) => ClearedFlag(check) is { } read && ReadsFlag(read, flag, isVolatile) && OnlyStatement(check.Statement) is ExpressionStatementSyntax call && Calls(call, name))
            is var (member, check, read)
            ? (member, ClearedFlag(check)!, read)
            : null;

        // 'if (!_loaded)' with no else: the flag's read.
        static ExpressionSyntax? ClearedFlag(IfStatementSyntax check)
            => check is { Else: null } && Unparenthesized(check.Condition) is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } cleared
                ? Unparenthesized(cleared.Operand)
                : null;
    }

    /// <summary>
    /// The first member other than <paramref name="ensuring"/> (a method without parameters) with a statement of a block
    /// that <paramref name="calls"/> takes for a call of it, followed in that block by a read of one of the stored fields.
    /// </summary>
    private static (MemberDeclarationSyntax Member, TStatement Statement, IdentifierNameSyntax Read)? FirstCallerThatReads<TStatement>(
        TypeDeclarationSyntax type,
        MemberDeclarationSyntax ensuring,
        List<(ExpressionStatementSyntax Statement, string Field)> stores,
        Func<SyntaxNode, bool> descend,
        Func<TStatement, string, bool> calls)
        where TStatement : StatementSyntax
    {
        if (ensuring is not MethodDeclarationSyntax { Identifier.ValueText: var name, ParameterList.Parameters.Count: 0 })
        {
            return null;
        }

        var names = new HashSet<string>(stores.Select(s => s.Field), StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            if (member == ensuring || member is BaseTypeDeclarationSyntax)
            {
                continue;
            }

            foreach (var statement in member.DescendantNodes(descend).OfType<TStatement>())
            {
                if (statement.Parent is BlockSyntax block && calls(statement, name)
                    && FirstRead(block.Statements.SkipWhile(s => s != statement).Skip(1), names) is { } read)
                {
                    return (member, statement, read);
                }
            }
        }

        return null;
    }

    /// <summary>Whether a statement is a call of the method <paramref name="name"/> without arguments: <c>Load();</c>.</summary>
    private static bool Calls(ExpressionStatementSyntax statement, string name)
        => statement.Expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation && FieldName(invocation.Expression) == name;

    /// <summary>A statement, or the one statement of a block.</summary>
    private static StatementSyntax? OnlyStatement(StatementSyntax statement)
        => statement is BlockSyntax block ? block.Statements.Count == 1 ? block.Statements[0] : null : statement;

    /// <summary>The first read (not a store) of one of <paramref name="names"/> in <paramref name="code"/>.</summary>
    private static IdentifierNameSyntax? FirstRead(IEnumerable<SyntaxNode> code, HashSet<string> names)
    {
        foreach (var node in code.SelectMany(static n => n.DescendantNodesAndSelf()))
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } identifier && names.Contains(name) && !IsWritten(identifier))
            {
                return identifier;
            }
        }

        return null;
    }

    private static bool ReadsFlag(ExpressionSyntax expression, string flag, bool isVolatile)
        => expression switch
        {
            InvocationExpressionSyntax call => IsVolatileCall(call, "Read") && call.ArgumentList.Arguments is { Count: 1 } arguments && FieldName(arguments[0].Expression) == flag,
            _ => isVolatile && FieldName(expression) == flag,
        };

    /// <summary>Whether a statement always leaves: <c>return</c>, <c>throw</c>, or a block that ends with one.</summary>
    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements: { Count: > 0 } statements } => Exits(statements[statements.Count - 1]),
        _ => false,
    };

    private static bool IsWritten(IdentifierNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target;
    }

    private static bool IsVolatileCall(InvocationExpressionSyntax call, string method)
        => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: var receiver }
           && name == method
           && receiver is IdentifierNameSyntax { Identifier.ValueText: "Volatile" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Volatile" } or AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Volatile" };

    /// <summary>The field a name or <c>this.</c> access names, by its text.</summary>
    private static string? FieldName(ExpressionSyntax expression) => Unparenthesized(expression) switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>Binds the candidate's names and reports it when the flag, the stores and the read are the type's fields and the calls are <c>System.Threading.Volatile</c>'s.</summary>
    private static void Report(
        SemanticModelAnalysisContext file,
        DiagnosticDescriptor rule,
        StatementSyntax setting,
        string flagName,
        List<(ExpressionStatementSyntax Statement, string Field)> stores,
        (MemberDeclarationSyntax Member, ExpressionSyntax Check, IdentifierNameSyntax Read) reader)
    {
        var semanticModel = file.SemanticModel;
        var cancellationToken = file.CancellationToken;
        var flagExpression = setting is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
            ? call.ArgumentList.Arguments[0].Expression
            : ((AssignmentExpressionSyntax)((ExpressionStatementSyntax)setting).Expression).Left;
        if (semanticModel.GetSymbolInfo(flagExpression, cancellationToken).Symbol is not IFieldSymbol flag
            || flag.Type.SpecialType is not (SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64)
            || (setting is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax write } && !IsVolatileMethod(semanticModel, write, cancellationToken))
            || (reader.Check is InvocationExpressionSyntax read && !IsVolatileMethod(semanticModel, read, cancellationToken))
            || semanticModel.GetSymbolInfo(reader.Read, cancellationToken).Symbol is not IFieldSymbol seen
            || !SymbolEqualityComparer.Default.Equals(seen.ContainingType, flag.ContainingType))
        {
            return;
        }

        var stored = stores.Select(s => s.Field).Distinct(StringComparer.Ordinal).Select(name => $"'{name}'").ToList();
        var what = stored.Count == 1 ? $"{stored[0]} is" : $"{string.Join(", ", stored.Take(stored.Count - 1))} and {stored[stored.Count - 1]} are";
        var readerName = ReaderName(reader.Member);
        var checkLine = reader.Check.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        file.ReportDiagnostic(Diagnostic.Create(
            rule,
            ((ExpressionStatementSyntax)setting).Expression.GetLocation(),
            [stores[0].Statement.GetLocation(), reader.Check.GetLocation()],
            ImmutableDictionary<string, string?>.Empty.Add(PublishedBeforeFilledAnalyzer.FieldNameProperty, flag.Name).Add(ShapeProperty, FlagFirst),
            flag.Name,
            $"{what} stored after it is set, so '{readerName}' after the unlocked check",
            checkLine));
    }

    private static bool IsVolatileMethod(SemanticModel semanticModel, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        => semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ContainingType: { Name: "Volatile", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The name of the member that reads a published value, for the message.</summary>
    internal static string ReaderName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        _ => "a member",
    };
}
