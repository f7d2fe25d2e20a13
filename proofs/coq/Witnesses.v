(** * The refuted claims, as Coq facts about concrete instances, proved by computation.

    Each instance is the archived witness of [counterexamples/archive/]. Its facts are
    statements about the definitions of [Model.v], closed by rewriting with the refinement
    theorems of [Exec.v] and computing the [Q] side with [vm_compute]. *)

From Coq Require Import QArith.
From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import QtoR Model Sums NLHF Lists Exec.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Notation ratF := [realFieldType of rat].

(** Two responses; user 0 ranks 0 > 1, user 1 ranks 1 > 0. *)
Definition two_levels : seq (seq nat) := [:: [:: 0; 1]; [:: 1; 0]]%N.

(** ** Achievability fails under [half] and [strict]

    Two-group instance with eps = 1/4 (weights 3/4 and 1/4), k = 2: the point mass on the
    Condorcet winner 0 is an exact symmetric equilibrium, yet its 2-sample product wins only
    1/2 (half) and 0 (strict) against the competitor that copies it. *)
Definition tg_ws : seq Q := [:: Qmake 3 4; Qmake 1 4].
Definition tg_point : seq Q := [:: Qmake 1 1; Qmake 0 1].

Lemma tg_profile : profile (@iw ratF tg_ws).
Proof. by apply: profile_check; vm_compute. Qed.

Lemma tg_lottery : lottery (@ilot ratF 1 tg_point).
Proof. by apply: lottery_check; vm_compute. Qed.

Lemma tg_equilibrium : equilibrium (@iw ratF tg_ws) (@ilev 1 tg_ws two_levels) 2
                                   (@ilot ratF 1 tg_point) 0.
Proof.
have := @equilibrium_check ratF 1 tg_ws two_levels 2 tg_point (Qmake 0 1) tg_lottery.
by rewrite q2r_0; apply; vm_compute.
Qed.

Lemma tg_win_rate r :
  win_rate1 (@iw ratF tg_ws) (@ilev 1 tg_ws two_levels) r (@product _ _ 2 (@ilot ratF 1 tg_point))
            (point ratF ord0)
  = q2r ratF (ewin_product 1 tg_ws two_levels r tg_point 2 [:: 0%N]).
Proof.
rewrite /win_rate1 (win_rate_ext tg_ws two_levels r (fun S => erefl)
                                 (product_one_point ratF (ord0 : 'I_2))).
by rewrite win_product_exec.
Qed.

Lemma refute_with (r : rule) (v : Q) :
  ewin_product 1 tg_ws two_levels r tg_point 2 [:: 0%N] = v -> Qlt v (Qmake 2 3) ->
  ~ (forall (n : nat) (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p : 'I_n -> rat),
        profile w -> equilibrium w lev k p 0 ->
        robust w lev r (@product _ _ k p) (k%:R / (k.+1)%:R)).
Proof.
move=> ev lt claim; have := claim _ _ _ _ 2%N _ tg_profile tg_equilibrium _ (lottery_point ratF (ord0 : 'I_2)).
rewrite tg_win_rate ev -(@q2r_frac ratF 2 3) //.
by move/(Order.POrderTheory.le_lt_trans)/(_ (q2r_lt ratF lt)); rewrite Order.POrderTheory.ltxx.
Qed.

(** Under [half], the claim "every symmetric equilibrium's k-sample product is
    (k, k/(k+1))-robust" is false: here it wins 1/2 < 2/3. *)
Theorem achievability_half_refuted :
  ~ (forall (n : nat) (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p : 'I_n -> rat),
        profile w -> equilibrium w lev k p 0 ->
        robust w lev Half (@product _ _ k p) (k%:R / (k.+1)%:R)).
Proof. by apply: (@refute_with Half (Qmake 1 2)); vm_compute. Qed.

(** Under [strict], it wins 0 < 2/3. *)
Theorem achievability_strict_refuted :
  ~ (forall (n : nat) (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p : 'I_n -> rat),
        profile w -> equilibrium w lev k p 0 ->
        robust w lev Strict (@product _ _ k p) (k%:R / (k.+1)%:R)).
Proof. by apply: (@refute_with Strict (Qmake 0 1)); vm_compute. Qed.

(** ** A player of an asymmetric pure Nash equilibrium need not be robust

    Users 0 > 1 (weight 5/8) and 1 > 0 (3/8), k = 2: the pure profile (1, 0, 0) is a Nash
    equilibrium of the 3-player game, yet player 0's 2-sample policy (response 1 twice) wins
    only 3/8 < 2/3 against response 0. *)
Definition an_ws : seq Q := [:: Qmake 5 8; Qmake 3 8].
Definition an_choice : seq nat := [:: 1; 0; 0]%N.

Lemma an_profile : profile (@iw ratF an_ws).
Proof. by apply: profile_check; vm_compute. Qed.

Lemma an_nash : pure_nash (@iw ratF an_ws) (@ilev 1 an_ws two_levels) (ffun_of 1 3 an_choice).
Proof. by apply: nash_check; vm_compute. Qed.

Theorem asymmetric_ne_refuted :
  ~ (forall (n : nat) (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k
            (c : {ffun 'I_k.+1 -> 'I_n}) (i : 'I_k.+1),
        profile w -> pure_nash w lev c ->
        robust w lev Share (@product _ _ k (point ratF (c i))) (k%:R / (k.+1)%:R)).
Proof.
move=> claim; have := claim _ _ _ _ 2%N _ ord0 an_profile an_nash _ (lottery_point ratF ord0).
rewrite /win_rate1 (win_rate_ext an_ws two_levels Share (product_point_ilot ratF _)
                                 (product_one_point ratF (ord0 : 'I_2))).
rewrite win_product_exec // -(@q2r_frac ratF 2 3) //.
have -> : (ffun_of 1 3 an_choice ord0 : nat) = 1%N by rewrite ffunE inordK.
move=> le.
have lt : Qlt (ewin_product 1 an_ws two_levels Share (epoint 1 1) 2 [:: 0%N]) (Qmake 2 3).
  by vm_compute.
by have := Order.POrderTheory.le_lt_trans le (q2r_lt ratF lt); rewrite Order.POrderTheory.ltxx.
Qed.

(** ** The symmetric equilibrium need not be unique

    Impartial culture on 4 responses (all 24 strict orders, equal weights) at k = 1: the
    uniform lottery and the point mass on response 2 are both exact symmetric equilibria. *)
Definition ic4_ws : seq Q := nseq 24 (Qmake 1 24).
Definition ic4_levels : seq (seq nat) :=
  [:: [:: 0; 1; 2; 3];
   [:: 0; 1; 3; 2];
   [:: 0; 2; 1; 3];
   [:: 0; 3; 1; 2];
   [:: 0; 2; 3; 1];
   [:: 0; 3; 2; 1];
   [:: 1; 0; 2; 3];
   [:: 1; 0; 3; 2];
   [:: 2; 0; 1; 3];
   [:: 3; 0; 1; 2];
   [:: 2; 0; 3; 1];
   [:: 3; 0; 2; 1];
   [:: 1; 2; 0; 3];
   [:: 1; 3; 0; 2];
   [:: 2; 1; 0; 3];
   [:: 3; 1; 0; 2];
   [:: 2; 3; 0; 1];
   [:: 3; 2; 0; 1];
   [:: 1; 2; 3; 0];
   [:: 1; 3; 2; 0];
   [:: 2; 1; 3; 0];
   [:: 3; 1; 2; 0];
   [:: 2; 3; 1; 0];
   [:: 3; 2; 1; 0]]%N.
Definition ic4_uniform : seq Q := nseq 4 (Qmake 1 4).
Definition ic4_point : seq Q := [:: Qmake 0 1; Qmake 0 1; Qmake 1 1; Qmake 0 1].

Lemma ic4_profile : profile (@iw ratF ic4_ws).
Proof. by apply: profile_check; vm_compute. Qed.

Lemma ic4_equilibrium ps :
  all (fun y => Qle_bool (Qmake 0 1) (nth (Qmake 0 1) ps y)) (iota 0 4) ->
  Qeq_bool (qsum (iota 0 4) (fun y => nth (Qmake 0 1) ps y)) (Qmake 1 1) ->
  all (fun y => Qle_bool (edev 3 ic4_ws ic4_levels ps 1 y)
                         (Qplus (erealised 3 ic4_ws ic4_levels ps 1) (Qmake 0 1))) (iota 0 4) ->
  equilibrium (@iw ratF ic4_ws) (@ilev 3 ic4_ws ic4_levels) 1 (@ilot ratF 3 ps) 0.
Proof.
move=> p0 p1 ok; rewrite -(q2r_0 ratF).
by apply: equilibrium_check => //; apply: lottery_check.
Qed.

Theorem ne_unique_refuted :
  ~ (forall (n : nat) (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p p' : 'I_n -> rat),
        profile w -> equilibrium w lev k p 0 -> equilibrium w lev k p' 0 ->
        forall y, p y = p' y).
Proof.
move=> claim.
have eu : equilibrium (@iw ratF ic4_ws) (@ilev 3 ic4_ws ic4_levels) 1 (@ilot ratF 3 ic4_uniform) 0.
  by apply: ic4_equilibrium; vm_compute.
have ep : equilibrium (@iw ratF ic4_ws) (@ilev 3 ic4_ws ic4_levels) 1 (@ilot ratF 3 ic4_point) 0.
  by apply: ic4_equilibrium; vm_compute.
have := claim _ _ _ _ 1%N _ _ ic4_profile eu ep ord0.
rewrite /ilot /=.
have lt : Qlt (Qmake 0 1) (Qmake 1 4) by vm_compute.
move=> e; have := q2r_lt ratF lt; rewrite -e.
by rewrite Order.POrderTheory.ltxx.
Qed.
