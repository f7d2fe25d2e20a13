(** * The theorems: each statement of [Statements.v], closed by the proofs.

    [Print Assumptions] of every theorem here is "Closed under the global context", except
    [existence], which uses exactly the axiom [symmetric_nash_existence] of [Nash.v]. *)

From mathcomp Require Import all_ssreflect all_algebra fingroup perm.
From UAlign Require Import Model Statements Nash Contest Sums Game Deviation Achievability.
From UAlign Require Import NLHF SelfPlay Ceiling Witnesses.
From UAlign Require Import MultiOpponent AverageSelfPlay Converse Unanimous
  Favourites.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Theorem constant_sum : constant_sum_statement.
Proof.
move=> R n U lev u k l S T kl; split; last exact: wins_share_slots.
rewrite big_sumType /= -wins_share_slots; exact: wins_share_constant_sum.
Qed.

Theorem equal_share : equal_share_statement.
Proof.
move=> R n U w lev k p i [_ w1] [_ p1].
rewrite /pure_prize; under eq_bigr do rewrite mulr_sumr.
rewrite exchange_big /= -[RHS]mul1r -{1}w1 mulr_suml; apply: eq_bigr => u _.
under eq_bigr do rewrite mulrCA.
by rewrite -mulr_sumr -(sum_player_any lev u p i) (equal_share_user lev u k p1).
Qed.

Theorem deviation_payoff : deviation_payoff_statement.
Proof. by move=> *; exact: dev_closed_form. Qed.

Theorem deviation_quotient : deviation_quotient_statement.
Proof. by move=> *; exact: closed_form_quotient. Qed.

Theorem achievability : achievability_statement.
Proof. by move=> *; exact: achievability_share. Qed.

Theorem achievability_weak_ties : achievability_weak_statement.
Proof. by move=> *; exact: achievability_weak. Qed.

Theorem existence : existence_statement.
Proof.
move=> R n U w lev k n0 prof; have [p eq] := @symmetric_nash_existence R n U w lev k n0 prof.
by exists p; split; [case: eq | have := achievability_share prof eq; rewrite subr0].
Qed.

Theorem nlhf_half_is_best : nlhf_half_is_best_statement.
Proof. by move=> *; exact: NLHF.nlhf_half_is_best. Qed.

Theorem maximal_lotteries_are_equilibria : maximal_iff_equilibrium_statement.
Proof. by move=> *; exact: maximal_iff_equilibrium. Qed.

Theorem nlhf_equilibrium_wins_half : nlhf_equilibrium_half_statement.
Proof. by move=> *; exact: nlhf_equilibrium_half. Qed.

Theorem nlhf_ceiling : nlhf_ceiling_statement.
Proof.
move=> R eps e0 e1; split; first exact: ceiling_maximal_unique.
by move=> k k0; exact: ceiling_robustness.
Qed.

Theorem selfplay_mixture : selfplay_mixture_statement.
Proof.
move=> R n U w lev k T pis y T0 prof lp best; split.
  exact: selfplay_mixture_robust.
exact: selfplay_mixture_exact.
Qed.

Theorem converse : converse_statement.
Proof.
move=> R m; split; first exact: impartial_profile.
by move=> k P k0 km PP; exact: converse_ceiling.
Qed.

Theorem converse_rate : converse_rate_statement.
Proof.
move=> R k eps k0 e0; pose m := maxn k (Num.bound eps^-1).
exists m, [finType of {perm 'I_m}], (@impartial_w R m), (@impartial_lev m); split.
  exact: impartial_profile.
exact: impartial_converse_rate.
Qed.

Theorem multi_opponent : multi_opponent_statement.
Proof. by move=> *; exact: multi_opponent_share. Qed.

Theorem average_selfplay : average_selfplay_statement.
Proof.
move=> R n U w lev k T pis y T0 prof lp best; split.
  by move=> q lq; exact: average_beats_mixture.
exact: average_selfplay_robust.
Qed.

Theorem unanimous_cap : unanimous_cap_statement.
Proof.
move=> R n U w lev y0 k l l0 prof top; exists (@copy_top R n y0 l); split.
  exact: copy_top_policy.
by move=> P PP; exact: unanimous_cap_share.
Qed.

Theorem favourites_cap_bound : favourites_cap_statement.
Proof.
move=> R U w l lev fav k prof top weight; exists (@show_all R l); split.
  exact: show_all_policy.
by move=> P PP; exact: (favourites_cap_share top weight prof PP).
Qed.

Theorem achievability_half_fails : ~ achievability_claim Half.
Proof. exact: achievability_half_refuted. Qed.

Theorem achievability_strict_fails : ~ achievability_claim Strict.
Proof. exact: achievability_strict_refuted. Qed.

Theorem asymmetric_ne_fails : ~ asymmetric_ne_claim.
Proof. exact: asymmetric_ne_refuted. Qed.

Theorem ne_unique_fails : ~ ne_unique_claim.
Proof. exact: ne_unique_refuted. Qed.
