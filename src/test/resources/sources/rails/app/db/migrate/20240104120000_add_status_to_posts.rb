class AddStatusToPosts < ActiveRecord::Migration[7.1]
  def change
    add_column :posts,
               :status,
               :string,
               default: "draft",
               null: false
    add_index :posts, [:user_id, :status],
              name: "index_posts_on_user_and_status",
              where: "status <> 'archived'"
  end
end
