using System.Collections.Immutable;
using Forklift.Analyzers;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Forklift.CodeFixes.SharedState;

/// <summary>FL1007: build and fill the object in a local, then publish it by assigning the field last.</summary>
/// <remarks>
/// <code>
/// s_current = new Flags();            var current = new Flags();
/// s_current.Load(path);         →     current.Load(path);
///                                     s_current = current;
/// </code>
/// The statements from the assignment to the last one that uses the field move to the local. Not offered when that
/// stretch assigns the field again, passes it by <c>ref</c>/<c>out</c>, or can leave the block early (<c>return</c>,
/// <c>break</c>, <c>continue</c>, <c>goto</c>, <c>yield</c>): the field would then stay unassigned or be published twice.
/// An exception thrown while filling now leaves the field null, so the next caller tries again instead of using a
/// broken object.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PublishedBeforeFilledCodeFix))]
public sealed class PublishedBeforeFilledCodeFix : CodeFixProvider
{
    internal const string Key = DiagnosticIds.PublishedBeforeFilled + ".FillThenPublish";

    internal const string FlagLastKey = DiagnosticIds.PublishedBeforeFilled + ".SetFlagLast";

    internal const string PublishLastKey = DiagnosticIds.PublishedBeforeFilled + ".PublishLast";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.PublishedBeforeFilled);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(FlagSetBeforeData.ShapeProperty, out var shape) && shape == FlagSetBeforeData.FlagFirst)
            {
                if (SetFlagLast(root, diagnostic) is { } moved)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Set '{moved.Flag}' after the stores it announces",
                            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(moved.Old, moved.New))),
                            FlagLastKey),
                        diagnostic);
                }

                continue;
            }

            if (shape == PublishedThenFilled.Shape && PublishAfterFill(root, diagnostic) is { } published)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Store '{published.Local}' in '{published.Field}' after filling it",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(published.Old, published.New))),
                        PublishLastKey),
                    diagnostic);
                continue;
            }

            if (Rewrite(root, semanticModel, diagnostic, context.CancellationToken) is not { } rewrite)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Fill '{rewrite.Local}' before assigning it to '{rewrite.Field}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(rewrite.Old, rewrite.New))),
                    Key),
                diagnostic);
        }
    }

    /// <summary>
    /// The flag's write moved after the stores of fields that follow it in its block, one after another from the first
    /// one the diagnostic points at. Not offered when a statement in between can leave the block, which would then
    /// leave the flag unset.
    /// </summary>
    private static (BlockSyntax Old, BlockSyntax New, string Flag)? SetFlagLast(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax block } setting
            || !diagnostic.Properties.TryGetValue(PublishedBeforeFilledAnalyzer.FieldNameProperty, out var flag) || flag is null
            || diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } firstStore)
        {
            return null;
        }

        var from = block.Statements.IndexOf(setting);
        var last = -1;
        for (var i = from + 1; i < block.Statements.Count; i++)
        {
            var statement = block.Statements[i];
            if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: var target } }
                && (i == block.Statements.IndexOf(firstStore) || last >= 0)
                && StoredName(target) is { } name && name != flag)
            {
                last = i;
            }
            else if (last >= 0)
            {
                break; // the stores that follow the flag, one after another
            }

            if (statement.DescendantNodesAndSelf().Any(static n => n is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or YieldStatementSyntax))
            {
                return null;
            }
        }

        if (last < 0)
        {
            return null;
        }

        // The statement that now comes first keeps the flag's leading trivia (a blank line before the publication stays
        // before the stores), and the flag takes the trivia of the statement it now follows.
        var next = block.Statements[from + 1];
        var statements = block.Statements.RemoveAt(from);
        statements = statements.Replace(statements[from], next.WithLeadingTrivia(setting.GetLeadingTrivia()))
            .Insert(last, setting.WithLeadingTrivia(next.GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
        return (block, block.WithStatements(statements), flag);
    }

    /// <summary>
    /// For <c>F = local;</c> followed by the local's fill (<see cref="PublishedThenFilled"/>): the store moved after the
    /// last statement of its block that uses the local. Not offered when a statement in between uses the field (it
    /// would see the old object instead of the new one) or can leave the block, which would leave the field unstored.
    /// </summary>
    private static (BlockSyntax Old, BlockSyntax New, string Local, string Field)? PublishAfterFill(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var (publishing, local) = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() switch
        {
            { Parent: ExpressionStatementSyntax statement, Right: IdentifierNameSyntax { Identifier.ValueText: var name } } => (statement, name),
            _ => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() switch
            {
                // 'Volatile.Write(ref _byName, index);'
                { Parent: ExpressionStatementSyntax statement, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Write" }, ArgumentList.Arguments: { Count: 2 } arguments }
                    when arguments[1].Expression is IdentifierNameSyntax { Identifier.ValueText: var name } => (statement, name),
                _ => ((ExpressionStatementSyntax?)null, (string?)null),
            },
        };
        if (publishing is not { Parent: BlockSyntax block } || local is null
            || !diagnostic.Properties.TryGetValue(PublishedBeforeFilledAnalyzer.FieldNameProperty, out var field) || field is null)
        {
            return null;
        }

        var from = block.Statements.IndexOf(publishing);
        var last = -1;
        for (var i = from + 1; i < block.Statements.Count; i++)
        {
            var statement = block.Statements[i];
            if (statement is ReturnStatementSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var returned } } && returned == local)
            {
                break; // 'return index;': the store goes just before it
            }

            var usesLocal = false;
            foreach (var token in statement.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == field)
                {
                    return null;
                }

                usesLocal |= token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == local;
            }

            if (usesLocal)
            {
                last = i;
            }
        }

        if (last < 0)
        {
            return null;
        }

        for (var i = from + 1; i <= last; i++)
        {
            if (LeavesBlock(block.Statements[i]))
            {
                return null;
            }
        }

        var statements = block.Statements.RemoveAt(from).Insert(last, publishing.WithAdditionalAnnotations(Formatter.Annotation));
        return (block, block.WithStatements(statements), local, field);
    }

    /// <summary>
    /// Whether <paramref name="statement"/> can leave the block it is in: a <c>return</c>, <c>goto</c> or <c>yield</c>
    /// in it (not in a lambda or local function), or a <c>break</c>/<c>continue</c> of a loop or switch outside it.
    /// </summary>
    private static bool LeavesBlock(StatementSyntax statement)
    {
        foreach (var node in statement.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax:
                    return true;
                case BreakStatementSyntax or ContinueStatementSyntax:
                    var target = node.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                                                                     || (node is BreakStatementSyntax && a is SwitchStatementSyntax));
                    if (target is null || !statement.Span.Contains(target.Span))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static string? StoredName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        ElementAccessExpressionSyntax { Expression: var array } => StoredName(array), // a slot an index counts
        _ => null,
    };

    private static (BlockSyntax Old, BlockSyntax New, string Local, string Field)? Rewrite(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not
            {
                Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } publishing,
                Right: BaseObjectCreationExpressionSyntax creation,
            } assignment
            || semanticModel.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is not IFieldSymbol field)
        {
            return null;
        }

        var first = block.Statements.IndexOf(publishing);
        var last = -1;
        for (var i = first + 1; i < block.Statements.Count; i++)
        {
            if (FieldReferences(block.Statements[i], field, semanticModel, cancellationToken).Count > 0)
            {
                last = i;
            }
        }

        if (last < 0)
        {
            return null;
        }

        var filling = block.Statements.Skip(first + 1).Take(last - first).ToList();
        if (filling.Exists(statement => LeavesEarly(statement) || WritesField(statement, field, semanticModel, cancellationToken)))
        {
            return null;
        }

        var local = LocalName(field.Name, semanticModel, block, publishing.SpanStart);
        var declaration = SyntaxFactory.ParseStatement(creation is ImplicitObjectCreationExpressionSyntax
                ? $"{field.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(semanticModel, publishing.SpanStart)} {local} = {creation.WithoutTrivia()};"
                : $"var {local} = {creation.WithoutTrivia()};")
            .WithTriviaFrom(publishing)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var moved = filling.Select(statement => statement.ReplaceNodes(
            FieldReferences(statement, field, semanticModel, cancellationToken),
            (original, _) => SyntaxFactory.IdentifierName(local).WithTriviaFrom(original)));
        var publish = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, assignment.Left.WithoutTrivia(), SyntaxFactory.IdentifierName(local)))
            .WithLeadingTrivia(publishing.GetLeadingTrivia())
            .WithTrailingTrivia(publishing.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);

        var statements = block.Statements.Take(first)
            .Append(declaration)
            .Concat(moved)
            .Append(publish)
            .Concat(block.Statements.Skip(last + 1));
        return (block, block.WithStatements(SyntaxFactory.List(statements)), local, field.Name);
    }

    /// <summary>The expressions in <paramref name="statement"/> that name <paramref name="field"/> (<c>F</c>, <c>this.F</c>, <c>T.F</c>).</summary>
    private static List<ExpressionSyntax> FieldReferences(StatementSyntax statement, IFieldSymbol field, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var found = new List<ExpressionSyntax>();
        foreach (var identifier in statement.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != field.Name)
            {
                continue;
            }

            // 'this.F' and 'T.F' are replaced whole; 'x.F' of another object is not the field we publish.
            ExpressionSyntax expression = identifier;
            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                if (access.Expression is not ThisExpressionSyntax && semanticModel.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not ITypeSymbol)
                {
                    continue;
                }

                expression = access;
            }

            if (SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(expression, cancellationToken).Symbol?.OriginalDefinition, field.OriginalDefinition))
            {
                found.Add(expression);
            }
        }

        return found;
    }

    /// <summary>An assignment to the field, or a <c>ref</c>/<c>out</c> argument of it: the local would no longer be the field.</summary>
    private static bool WritesField(StatementSyntax statement, IFieldSymbol field, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (var reference in FieldReferences(statement, field, semanticModel, cancellationToken))
        {
            if (reference.Parent is AssignmentExpressionSyntax assignment && assignment.Left == reference
                || reference.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 }
                || reference.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LeavesEarly(StatementSyntax statement)
        => statement.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(static n => n is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or YieldStatementSyntax);

    /// <summary>'s_current' → 'current', '_cache' → 'cache'; a name that nothing in scope already uses.</summary>
    private static string LocalName(string fieldName, SemanticModel semanticModel, BlockSyntax block, int position)
    {
        var stem = fieldName;
        foreach (var prefix in new[] { "s_", "m_", "t_", "_" })
        {
            if (stem.StartsWith(prefix, StringComparison.Ordinal) && stem.Length > prefix.Length)
            {
                stem = stem.Substring(prefix.Length);
                break;
            }
        }

        stem = char.ToLowerInvariant(stem[0]) + stem.Substring(1);
        if (!SyntaxFacts.IsValidIdentifier(stem) || SyntaxFacts.GetKeywordKind(stem) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(stem) != SyntaxKind.None)
        {
            stem = "created";
        }

        var declaredInBlock = new HashSet<string>(
            block.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText)
                .Concat(block.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText)),
            StringComparer.Ordinal);
        var name = stem;
        for (var i = 2; declaredInBlock.Contains(name) || !semanticModel.LookupSymbols(position, name: name).IsEmpty; i++)
        {
            name = stem + i;
        }

        return name;
    }
}
